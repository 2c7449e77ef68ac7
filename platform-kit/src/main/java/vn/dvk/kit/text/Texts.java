package vn.dvk.kit.text;

import java.text.Normalizer;

/** Text as the platform stores it. */
public final class Texts {

    private Texts() {
    }

    /**
     * Stripped and in Unicode NFC, so that the same Vietnamese typed on different keyboards (precomposed or with
     * combining marks) is stored, compared and indexed alike; null stays null.
     */
    public static String nfc(String text) {
        return text == null ? null : Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }
}
