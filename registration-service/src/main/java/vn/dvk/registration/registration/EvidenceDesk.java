package vn.dvk.registration.registration;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;

/**
 * Evidence files: the bytes in MongoDB's GridFS (bucket {@code evidence}, durable like every other document), the
 * description on the registration. The content is stored first and described second, so a crash in between leaves
 * at worst an unreferenced file, never a description without content.
 */
@Service
class EvidenceDesk {

    private final Registrations registrations;
    private final GridFSBucket files;
    private final Clock clock;

    EvidenceDesk(Registrations registrations, MongoTemplate mongo, Clock clock) {
        this.registrations = registrations;
        this.files = GridFSBuckets.create(mongo.getDb(), "evidence");
        this.clock = clock;
    }

    /** The content of a file, with what it is. */
    record Content(Evidence.Attachment attachment, InputStream stream) {
    }

    /**
     * Attaches {@code content} ({@code size} bytes, as the client named it) to a registration: at most 10 MB, and a
     * PDF, PNG, JPEG or WebP by its first bytes, whatever its name or declared type says.
     */
    Registration attach(Registration registration, String fileName, long size, InputStream content, String caption,
            String by) throws IOException {
        if (size > Evidence.MAX_BYTES) {
            throw DomainException.unprocessable("attachment-too-large", Evidence.MAX_BYTES / (1024 * 1024));
        }
        if (size == 0) {
            throw DomainException.unprocessable("attachment-empty");
        }
        InputStream in = content.markSupported() ? content : new java.io.BufferedInputStream(content);
        in.mark(16);
        byte[] head = in.readNBytes(12);
        in.reset();
        Evidence.Kind kind = Evidence.Kind.of(head)
                .orElseThrow(() -> DomainException.unprocessable("attachment-type-not-allowed", fileName));
        String id = Ids.newId();
        String name = safeName(fileName, kind);
        MessageDigest sha256 = sha256();
        files.uploadFromStream(new BsonString(id), name, new DigestInputStream(in, sha256), new GridFSUploadOptions()
                .metadata(new Document("registrationId", registration.id()).append("contentType", kind.contentType)));
        Instant now = clock.instant();
        Evidence.Attachment attachment = new Evidence.Attachment(id, name, kind.contentType, size,
                HexFormat.of().formatHex(sha256.digest()),
                caption == null || caption.isBlank() ? null : Texts.nfc(caption), by, now);
        try {
            registration.attach(attachment);
            return registrations.save(registration);
        } catch (RuntimeException e) {
            files.delete(new BsonString(id));
            throw e;
        }
    }

    Content open(Registration registration, String attachmentId) {
        Evidence.Attachment attachment = registration.attachment(attachmentId)
                .orElseThrow(() -> DomainException.notFound("attachment-not-found", attachmentId));
        return new Content(attachment, files.openDownloadStream(new BsonString(attachmentId)));
    }

    /** Removes evidence; its content goes once the registration no longer names it. */
    Registration detach(Registration registration, String attachmentId) {
        Evidence.Attachment removed = registration.detach(attachmentId, clock.instant());
        Registration saved = registrations.save(registration);
        files.delete(new BsonString(removed.id()));
        return saved;
    }

    /**
     * The client's file name without any path, control or format characters (a right-to-left override, U+202E,
     * would make "hoadon[U+202E]fdp.exe" show as "hoadonexe.pdf"), in NFC, with the extension its content deserves.
     */
    static String safeName(String fileName, Evidence.Kind kind) {
        String base = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "")
                .replaceAll("[\\p{Cntrl}\\p{Cf}\"]", "").strip();
        base = Normalizer.normalize(base, Normalizer.Form.NFC);
        if (base.length() > 150) {
            base = base.substring(0, 150);
        }
        if (base.isEmpty()) {
            base = "minh-chung";
        }
        String extension = switch (kind) {
            case PDF -> ".pdf";
            case PNG -> ".png";
            case JPEG -> ".jpg";
            case WEBP -> ".webp";
        };
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(extension)
                || (kind == Evidence.Kind.JPEG && base.toLowerCase(java.util.Locale.ROOT).endsWith(".jpeg"))
                ? base : base + extension;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
