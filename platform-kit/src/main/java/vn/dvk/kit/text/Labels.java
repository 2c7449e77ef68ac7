package vn.dvk.kit.text;

import java.util.EnumMap;
import java.util.Map;

/**
 * The Vietnamese names officials read in sheets and reports for the movement's codes (shared/DOMAIN.md), keyed by
 * the code as events and APIs spell it; one list, so that an export and a review report name things alike.
 */
public final class Labels {

    public static final Map<String, String> KINDS = Map.of("COLLECTIVE", "Tập thể", "INDIVIDUAL", "Cá nhân");
    public static final Map<String, String> FIELDS = Map.of("ECONOMY", "Kinh tế", "CULTURE_SOCIETY",
            "Văn hóa – xã hội", "DEFENSE_SECURITY", "Quốc phòng – an ninh", "POLITICAL_SYSTEM",
            "Xây dựng hệ thống chính trị");
    public static final Map<String, String> STATUSES = Map.of("DRAFT", "Nháp", "SUBMITTED", "Chờ duyệt",
            "RETURNED", "Trả lại", "RESUBMITTED", "Gửi lại", "APPROVED", "Đã duyệt", "WITHDRAWN", "Đã rút",
            "RECOGNISED", "Được công nhận", "COMMENDED", "Được khen thưởng");
    public static final Map<String, String> LEVELS = Map.of("COMMUNE", "Cấp xã", "DISTRICT", "Cấp huyện",
            "PROVINCE", "Cấp tỉnh");
    public static final Map<String, String> TIERS = Map.of("NOT_RECOGNISED", "Không công nhận", "RECOGNISED",
            "Công nhận", "EXEMPLARY", "Tiêu biểu", "PROPOSED_FOR_COMMENDATION", "Đề nghị khen thưởng", "COMMENDED",
            "Khen thưởng");
    public static final Map<String, String> COMMENDATIONS = Map.of("GIAY_KHEN", "Giấy khen", "BANG_KHEN",
            "Bằng khen");

    private Labels() {
    }

    /** The same names keyed by an enum whose constants are the codes. */
    public static <E extends Enum<E>> Map<E, String> of(Class<E> type, Map<String, String> names) {
        Map<E, String> byConstant = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            byConstant.put(constant, names.get(constant.name()));
        }
        return Map.copyOf(byConstant);
    }
}
