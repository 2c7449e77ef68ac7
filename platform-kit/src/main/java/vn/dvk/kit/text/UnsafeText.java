package vn.dvk.kit.text;

/**
 * Characters no request may carry in its text: control characters (NUL and the rest of C0 and C1, and DEL) that
 * databases, logs, spreadsheets and mail headers treat as structure, Unicode's directional formatting characters that
 * make a title display as something other than what it stores (a "Trojan source" trick), and unpaired surrogates,
 * which are not text at all. Tab, line feed and carriage return are allowed where a field holds several lines.
 */
public final class UnsafeText {

    private UnsafeText() {
    }

    /** What is wrong with {@code text}, or null when it is fine. */
    public static Reason check(String text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                if (!lineBreaksAllowed) {
                    return Reason.CONTROL_CHARACTER;
                }
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return Reason.CONTROL_CHARACTER;
            } else if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)) {
                return Reason.DIRECTION_CONTROL;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return Reason.BROKEN_CHARACTER;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Reason.BROKEN_CHARACTER;
            }
        }
        return null;
    }

    /** Why a text was refused; the name is the field error's code. */
    public enum Reason {
        CONTROL_CHARACTER("ControlCharacter"),
        DIRECTION_CONTROL("DirectionControl"),
        BROKEN_CHARACTER("BrokenCharacter");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
