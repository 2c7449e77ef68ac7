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

    /**
     * Vietnamese text folded for comparison and search: without tone and vowel marks, đ as d, lower case, single
     * spaces. "Nuôi  ONG lấy mật" and "nuoi ong lay mat" give the same key.
     */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            folded.append(c == 'đ' || c == 'Đ' ? 'd' : c);
        }
        return folded.toString().toLowerCase(java.util.Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
