package vn.dvk.registration.unit;

import java.text.Normalizer;

/** Names as the unit directory stores them: Unicode NFC, no spaces at the ends, single spaces inside. */
final class Names {

    private Names() {
    }

    static String clean(String text) {
        return Normalizer.normalize(text.strip().replaceAll("\\s+", " "), Normalizer.Form.NFC);
    }
}
