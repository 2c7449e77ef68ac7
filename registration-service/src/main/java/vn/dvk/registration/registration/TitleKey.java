package vn.dvk.registration.registration;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Vietnamese text folded for comparison and search: without tone and vowel marks, đ as d, lower case, single spaces.
 * "Nuôi  ONG lấy mật" and "nuoi ong lay mat" give the same key.
 */
public final class TitleKey {

    private TitleKey() {
    }

    public static String of(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            folded.append(c == 'đ' || c == 'Đ' ? 'd' : c);
        }
        return folded.toString().toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
