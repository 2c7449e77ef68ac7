package vn.dvk.evaluation.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * The collective and individual rubrics seen in provincial guidance (shared/DOMAIN.md), offered as the starting point
 * of a campaign's own: five counted criteria of equal weight scored out of 10, and the basic conditions shown as an
 * independent criterion that does not count.
 */
final class DefaultRubrics {

    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal TWENTY = BigDecimal.valueOf(20);

    private DefaultRubrics() {
    }

    static List<Criterion> of(ModelKind kind) {
        return kind == ModelKind.COLLECTIVE ? COLLECTIVE : INDIVIDUAL;
    }

    static String titleOf(ModelKind kind) {
        return kind == ModelKind.COLLECTIVE ? "Tiêu chí mô hình tập thể" : "Tiêu chí mô hình cá nhân";
    }

    private static final Criterion BASIS = new Criterion("DK", "Có tên gọi, địa chỉ cụ thể, thuộc một trong bốn lĩnh "
            + "vực, gắn với sự lãnh đạo của cấp ủy, chính quyền và đăng ký với cơ quan phát động",
            "Concrete name and address, one of the four fields, tied to the leadership of the party committee and "
                    + "government, registered with the body that launched the movement",
            "Điều kiện để xét; không tính điểm.", BigDecimal.ZERO, TEN, true, true);

    private static final List<Criterion> COLLECTIVE = List.of(BASIS,
            new Criterion("TT1", "Sáng tạo, tiết kiệm thời gian và chi phí", "Creative; saves time and cost", null,
                    TWENTY, TEN, true, false),
            new Criterion("TT2", "Nhân dân tự giác chấp hành chủ trương, chính sách, pháp luật",
                    "People follow policy and the law willingly", null, TWENTY, TEN, true, false),
            new Criterion("TT3", "Huy động được nhiều lực lượng tham gia", "Mobilises many forces", null, TWENTY,
                    TEN, true, false),
            new Criterion("TT4", "Hài hòa lợi ích của Nhà nước, tập thể và cá nhân",
                    "Harmonises the interests of the state, the collective and individuals", null, TWENTY, TEN, true,
                    false),
            new Criterion("TT5", "Bền vững, lan tỏa, có khả năng duy trì và nhân rộng",
                    "Sustainable and spreading; can be carried on and replicated", null, TWENTY, TEN, true, false));

    private static final List<Criterion> INDIVIDUAL = List.of(BASIS,
            new Criterion("CN1", "Bản thân và gia đình gương mẫu", "The person and their family set an example", null,
                    TWENTY, TEN, true, false),
            new Criterion("CN2", "Có sáng kiến, ý tưởng hay", "Contributes good ideas", null, TWENTY, TEN, true,
                    false),
            new Criterion("CN3", "Đề xuất giải pháp giải quyết vướng mắc tồn đọng, kéo dài",
                    "Proposes solutions to long-running grievances", null, TWENTY, TEN, true, false),
            new Criterion("CN4", "Tận tụy phục vụ nhân dân", "Serves the people devotedly", null, TWENTY, TEN, true,
                    false),
            new Criterion("CN5", "Đạt danh hiệu gia đình văn hóa và hoàn thành nhiệm vụ hằng năm",
                    "Meets the yearly \u201ccultured family\u201d and task standards", null, TWENTY, TEN, true,
                    false));
}
