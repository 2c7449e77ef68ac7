package vn.dvk.notification.template;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every kind of message the service sends, with the named placeholders its templates may use and a sample value of
 * each (what a preview shows when the caller gives none).
 */
public enum NotificationType {
    REGISTRATION_SUBMITTED("title", "Nuôi ong lấy mật", "unitName", "Phường Ba Đình"),
    REGISTRATION_APPROVED("title", "Nuôi ong lấy mật", "unitName", "Phường Ba Đình"),
    REGISTRATION_RETURNED("title", "Nuôi ong lấy mật", "unitName", "Phường Ba Đình",
            "reason", "Bổ sung chỉ tiêu đo lường cụ thể."),
    REGISTRATION_RECOGNISED("title", "Nuôi ong lấy mật", "unitName", "Phường Ba Đình", "tier", "Tiêu biểu",
            "decisionNumber", "1234/QĐ-UBND", "issuingBody", "Ủy ban nhân dân Thành phố Hà Nội"),
    REGISTRATION_COMMENDED("title", "Nuôi ong lấy mật", "unitName", "Phường Ba Đình", "commendation", "Bằng khen",
            "decisionNumber", "1234/QĐ-UBND", "issuingBody", "Ủy ban nhân dân Thành phố Hà Nội"),
    DECISION_ISSUED("number", "1234/QĐ-UBND", "date", "10/10/2027", "issuingBody",
            "Ủy ban nhân dân Thành phố Hà Nội", "outcomes", "214"),
    GRADE_FINALISED("subjectName", "Phường Ba Đình", "year", "2027", "gradeLabel", "Khá", "total", "78"),
    REVIEWER_ASSIGNED("reviewer", "reviewer.01", "title", "Nuôi ong lấy mật", "unitName", "Phường Ba Đình",
            "closes", "15/09/2027"),
    WINDOW_CLOSING("unitName", "Phường Ba Đình", "campaignTitle", "Phong trào thi đua “Dân vận khéo” năm 2026",
            "closes", "31/12/2026", "daysLeft", "7", "collectiveLeft", "3", "individualLeft", "5"),
    WINDOW_OVERDUE("unitName", "Thành phố Hà Nội", "campaignTitle", "Phong trào thi đua “Dân vận khéo” năm 2026",
            "closes", "31/12/2026", "lateCount", "2",
            "lateList", "- Phường Ba Đình: còn 3 mô hình tập thể, 5 mô hình cá nhân\n- Phường Ngọc Hà: còn 1 mô hình tập thể"),
    PROGRESS_DUE("unitName", "Phường Ba Đình", "campaignTitle", "Phong trào thi đua “Dân vận khéo” năm 2026",
            "closes", "31/03/2027", "daysLeft", "7", "unreported", "2",
            "models", "- Nuôi ong lấy mật\n- Tổ tự quản đường hoa"),
    PROGRESS_OVERDUE("unitName", "Thành phố Hà Nội", "campaignTitle", "Phong trào thi đua “Dân vận khéo” năm 2026",
            "closes", "31/03/2027", "lateCount", "2",
            "lateList", "- Phường Ba Đình: 2 mô hình chưa báo cáo tiến độ\n- Phường Ngọc Hà: 1 mô hình chưa báo cáo tiến độ"),
    SCORECARDS_DUE("reviewer", "reviewer.01", "roundTitle", "Chấm điểm mô hình cấp tỉnh năm 2027",
            "closes", "15/09/2027", "daysLeft", "3", "unsubmitted", "4"),
    SCORECARDS_OVERDUE("unitName", "Thành phố Hà Nội", "roundTitle", "Chấm điểm mô hình cấp tỉnh năm 2027",
            "closes", "15/09/2027", "lateCount", "1", "lateList", "- reviewer.02: 4 phiếu chưa nộp"),
    SELF_ASSESSMENT_DUE("unitName", "Phường Ba Đình", "schemeTitle", "Xếp loại công tác dân vận năm 2027",
            "closes", "30/11/2027", "daysLeft", "7"),
    SELF_ASSESSMENT_OVERDUE("unitName", "Thành phố Hà Nội", "schemeTitle", "Xếp loại công tác dân vận năm 2027",
            "closes", "30/11/2027", "lateCount", "2", "lateList", "- Phường Ba Đình\n- Phường Ngọc Hà"),
    /** One e-mail a day gathering the notices of events for those who asked for it. */
    DAILY_DIGEST("date", "23/11/2026", "count", "2",
            "items", "1. Mô hình \"Nuôi ong lấy mật\" đã được duyệt\n   Đăng ký mô hình \"Nuôi ong lấy mật\" của Phường Ba Đình đã được duyệt.");

    /**
     * What may wait for a recipient's daily digest: news of what happened. Reminders, overdue notices and
     * assignments ask for something by a date, so they always go at once.
     */
    private static final Set<NotificationType> DIGESTIBLE = EnumSet.of(REGISTRATION_SUBMITTED,
            REGISTRATION_APPROVED, REGISTRATION_RETURNED, REGISTRATION_RECOGNISED, REGISTRATION_COMMENDED,
            DECISION_ISSUED, GRADE_FINALISED);

    private final Map<String, String> samples;

    NotificationType(String... namesAndSamples) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSamples.length; i += 2) {
            map.put(namesAndSamples[i], namesAndSamples[i + 1]);
        }
        this.samples = Collections.unmodifiableMap(map);
    }

    /** Whether an e-mail of this type may wait for the recipient's daily digest. */
    public boolean digestible() {
        return DIGESTIBLE.contains(this);
    }

    /** The placeholders a template of this type may use, each with a sample value. */
    public Map<String, String> samples() {
        return samples;
    }
}
