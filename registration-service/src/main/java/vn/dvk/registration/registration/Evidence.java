package vn.dvk.registration.registration;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** Evidence attached to a registration: photographs and scanned documents, checked by what their bytes are. */
final class Evidence {

    /** Ten megabytes: a phone photograph or a scanned decision, not a video. */
    static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Enough for a dossier; a registration is not a file store. */
    static final int MAX_PER_REGISTRATION = 30;

    private Evidence() {
    }

    /**
     * One attached file, described on the registration; its bytes are stored apart.
     *
     * @param sha256 hex digest of the content, so that the same file attached twice is noticed
     */
    record Attachment(String id, String fileName, String contentType, long size, String sha256, String caption,
            String uploadedBy, Instant uploadedAt) {
    }

    /** The content types accepted, told apart by their first bytes — never by the name or the declared type. */
    enum Kind {
        PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
        PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
        JPEG("image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}),
        WEBP("image/webp", null);

        final String contentType;
        private final byte[] magic;

        Kind(String contentType, byte[] magic) {
            this.contentType = contentType;
            this.magic = magic;
        }

        /** What the first bytes of a file say it is, if it is one of the accepted kinds. */
        static Optional<Kind> of(byte[] head) {
            if (head.length >= 12 && new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")
                    && new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
                return Optional.of(WEBP);
            }
            return Arrays.stream(values()).filter(k -> k.magic != null && head.length >= k.magic.length
                    && Arrays.equals(Arrays.copyOf(head, k.magic.length), k.magic)).findFirst();
        }
    }
}
