package vn.dvk.kit.text;

import java.text.Normalizer;

/**
 * A sort key that puts Vietnamese text in dictionary order when compared as plain strings — which is how MongoDB
 * sorts (the local server has no collation): first by letters in the Vietnamese alphabet (a ă â b c d đ e ê g h i k
 * l m n o ô ơ p q r s t u ư v x y, digits before letters, a space before both), then by tones (none, huyền, hỏi,
 * ngã, sắc, nặng), ignoring case.
 */
public final class VietnameseOrder {

    private static final String ALPHABET = "0123456789aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz";
    private static final char SPACE = '!';
    private static final char FIRST = '0';
    private static final char TONES_FOLLOW = ' ';

    private VietnameseOrder() {
    }

    public static String sortKey(String text) {
        String decomposed = Normalizer.normalize(text.strip().toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder letters = new StringBuilder(decomposed.length());
        StringBuilder tones = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            StringBuilder marks = new StringBuilder();
            for (int j = i + 1; j < decomposed.length()
                    && Character.getType(decomposed.charAt(j)) == Character.NON_SPACING_MARK; j++) {
                marks.append(decomposed.charAt(j));
            }
            if (Character.isWhitespace(c)) {
                if (!letters.isEmpty() && letters.charAt(letters.length() - 1) != SPACE) {
                    letters.append(SPACE);
                }
                continue;
            }
            int position = ALPHABET.indexOf(withVowelMark(c, marks));
            if (position < 0) {
                continue;
            }
            letters.append((char) (FIRST + position));
            tones.append(tone(marks));
        }
        return letters.toString().strip() + TONES_FOLLOW + tones;
    }

    /** ă, â, ê, ô, ơ, ư are letters of their own: the breve, circumflex and horn belong to the letter. */
    private static char withVowelMark(char base, CharSequence marks) {
        String m = marks.toString();
        if (m.indexOf('\u0306') >= 0 && base == 'a') {
            return 'ă';
        }
        if (m.indexOf('\u0302') >= 0) {
            return switch (base) {
                case 'a' -> 'â';
                case 'e' -> 'ê';
                case 'o' -> 'ô';
                default -> base;
            };
        }
        if (m.indexOf('\u031B') >= 0) {
            return switch (base) {
                case 'o' -> 'ơ';
                case 'u' -> 'ư';
                default -> base;
            };
        }
        return base;
    }

    /** Tones in dictionary order: none, huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below). */
    private static char tone(CharSequence marks) {
        String m = marks.toString();
        if (m.indexOf('\u0300') >= 0) {
            return '1';
        }
        if (m.indexOf('\u0309') >= 0) {
            return '2';
        }
        if (m.indexOf('\u0303') >= 0) {
            return '3';
        }
        if (m.indexOf('\u0301') >= 0) {
            return '4';
        }
        if (m.indexOf('\u0323') >= 0) {
            return '5';
        }
        return '0';
    }
}
