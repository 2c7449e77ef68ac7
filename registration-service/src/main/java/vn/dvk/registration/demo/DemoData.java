package vn.dvk.registration.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.dvk.registration.campaign.CampaignDemo;
import vn.dvk.registration.campaign.CampaignPlan;
import vn.dvk.registration.campaign.Level;
import vn.dvk.registration.campaign.UnitKind;
import vn.dvk.registration.registration.Field;
import vn.dvk.registration.registration.ModelKind;
import vn.dvk.registration.registration.RegistrationDemo;
import vn.dvk.registration.registration.RegistrationForm;
import vn.dvk.registration.unit.FormerUnit;
import vn.dvk.registration.unit.OrganisationKind;
import vn.dvk.registration.unit.UnitDemo;
import vn.dvk.units.UnitCatalog;

/**
 * Demo data for {@code ./run.sh} ({@code DVK_DEMO_SEED=true}): Hà Nội's campaign for the current year, launched;
 * the usual organisations and the mass-mobilisation block of 30 of its communes; and a few hundred registrations from
 * those communes across the four fields, in every state — drafts, submitted, returned, resubmitted, approved and
 * withdrawn, the collective ones owned by the commune's registered organisations; and, as records from before
 * 1 July 2025, two old districts of Hà Nội with the 2024 campaign's approved models of their wards. It goes through the same domain operations as the API, so every
 * change publishes its events and the other services fill up too. Seeded once: a second start finds the campaign.
 * The choices are pseudo-random with a fixed seed, so every fresh start looks the same.
 */
@Component
@ConditionalOnProperty(name = "dvk.demo.seed", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String PROVINCE = "01";
    private static final String SEEDER = "demo-seed";
    /** The dice of {@link RegistrationDemo#seed} that ends approved. */
    private static final int APPROVED = 50;

    private static final Map<Field, List<String>> MODELS = Map.of(
            Field.ECONOMY, List.of("Nuôi ong lấy mật", "Trồng rau an toàn theo chuỗi", "Hợp tác xã nông nghiệp kiểu mới",
                    "Làng nghề gốm truyền thống", "Chợ nông sản cuối tuần", "Tổ vay vốn phát triển sản xuất",
                    "Nuôi cá lồng trên sông", "Du lịch cộng đồng"),
            Field.CULTURE_SOCIETY, List.of("Quỹ khuyến học dòng họ", "Đường hoa tự quản", "Bữa cơm nghĩa tình",
                    "Tủ sách cộng đồng", "Câu lạc bộ dưỡng sinh người cao tuổi", "Phân loại rác tại nguồn",
                    "Mái ấm cho hộ nghèo", "Sân chơi cho thiếu nhi"),
            Field.DEFENSE_SECURITY, List.of("Camera an ninh khu phố", "Tổ hòa giải ở cơ sở",
                    "Khu dân cư không ma túy", "Giúp người sau cai nghiện hòa nhập", "Tuyến phố văn minh, an toàn",
                    "Tổ tự quản phòng cháy chữa cháy"),
            Field.POLITICAL_SYSTEM, List.of("Một cửa thân thiện", "Tiếp dân ngày thứ bảy", "Chi bộ bốn tốt",
                    "Dân vận khéo trong cải cách hành chính", "Đối thoại với nhân dân hằng quý",
                    "Số hóa hồ sơ tại bộ phận một cửa"));

    private final CampaignDemo campaigns;
    private final RegistrationDemo registrations;
    private final UnitDemo units;
    private final Clock clock;

    DemoData(CampaignDemo campaigns, RegistrationDemo registrations, UnitDemo units, Clock clock) {
        this.campaigns = campaigns;
        this.registrations = registrations;
        this.units = units;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Ho_Chi_Minh")));
        int year = today.getYear();
        String title = "Phong trào thi đua \u201cDân vận khéo\u201d năm " + year;
        if (campaigns.exists(PROVINCE, year, title)) {
            log.info("Demo data already seeded ({})", title);
            return;
        }
        LocalDate opens = LocalDate.of(year, 10, 15).isBefore(today) ? LocalDate.of(year, 10, 15) : today.minusDays(30);
        LocalDate closes = LocalDate.of(year, 12, 31).isAfter(today.plusDays(30)) ? LocalDate.of(year, 12, 31)
                : today.plusDays(30);
        String campaignId = campaigns.launch(new CampaignPlan(PROVINCE, year, title, Set.of(Level.COMMUNE, Level.PROVINCE),
                Set.of(Field.values()), opens, closes,
                List.of(new CampaignPlan.Quota(UnitKind.COMMUNE, ModelKind.COLLECTIVE, 10),
                        new CampaignPlan.Quota(UnitKind.COMMUNE, ModelKind.INDIVIDUAL, 15)),
                List.of(LocalDate.of(year + 1, 3, 31), LocalDate.of(year + 1, 6, 30)), LocalDate.of(year + 1, 6, 15),
                LocalDate.of(year + 1, 10, 15), null), SEEDER);

        Random random = new Random(2025_07_01L);
        List<UnitCatalog.Unit> communes = UnitCatalog.official2025().childrenOf(PROVINCE).subList(0, 30);
        int created = 0;
        List<OrganisationKind> owners = List.of(OrganisationKind.WOMENS_UNION, OrganisationKind.FARMERS_ASSOCIATION,
                OrganisationKind.YOUTH_UNION, OrganisationKind.VETERANS_ASSOCIATION, OrganisationKind.FATHERLAND_FRONT,
                OrganisationKind.POLICE, OrganisationKind.PEOPLES_COMMITTEE);
        for (UnitCatalog.Unit commune : communes) {
            Map<OrganisationKind, String> organisations = units.seedOrganisations(commune, SEEDER);
            units.seedBlock(commune, SEEDER);
            int count = 6 + random.nextInt(9);
            for (int i = 0; i < count; i++) {
                Field field = Field.values()[random.nextInt(Field.values().length)];
                List<String> models = MODELS.get(field);
                String modelTitle = models.get(random.nextInt(models.size())) + " " + commune.name()
                        .replaceFirst("^(Phường|Xã|Đặc khu) ", "") + (i > 0 ? " (" + (i + 1) + ")" : "");
                ModelKind kind = random.nextInt(3) == 0 ? ModelKind.INDIVIDUAL : ModelKind.COLLECTIVE;
                RegistrationForm form = new RegistrationForm(campaignId, commune.code(), null, modelTitle, kind, field,
                        Level.COMMUNE, kind == ModelKind.INDIVIDUAL
                                ? new RegistrationForm.Owner(RegistrationForm.OwnerType.PERSON,
                                        "Nguyễn Văn " + (char) ('A' + i), "Bí thư chi bộ", true, null)
                                : new RegistrationForm.Owner(RegistrationForm.OwnerType.ORGANISATION, "(tổ chức)", null,
                                        null, organisations.get(owners.get(random.nextInt(owners.size())))),
                        new RegistrationForm.Place("Tổ dân phố số " + (1 + random.nextInt(20)), commune.code()),
                        "Mô hình do nhân dân cùng làm, cùng hưởng lợi.", "Thu hút ít nhất 100 hộ tham gia.",
                        List.of(new RegistrationForm.Indicator("Số hộ tham gia", "hộ", java.math.BigDecimal.ZERO,
                                java.math.BigDecimal.valueOf(100), java.math.BigDecimal.valueOf(random.nextInt(120)))),
                        opens, LocalDate.of(year + 1, 10, 15), null);
                if (registrations.seed(form, random.nextInt(100), SEEDER)) {
                    created++;
                }
            }
        }
        int archived = seedArchive(random);
        log.info("Seeded demo data: campaign \"{}\", organisations and blocks of {} communes of Hà Nội, {}"
                + " registrations, and {} records of 2024 from two old districts", title, communes.size(), created,
                archived);
    }

    /**
     * Hà Nội's 2024 campaign as a record entered after the fact: one approved model from each old ward of two old
     * districts (Ba Đình, Hoàn Kiếm), each carried by a 2025 ward its old ward went into.
     */
    private int seedArchive(Random random) {
        Map<FormerUnit, String> wards = units.seedOldCatalog(SEEDER);
        String campaignId = campaigns.launch(new CampaignPlan(PROVINCE, 2024,
                "Phong trào thi đua \u201cDân vận khéo\u201d năm 2024", Set.of(Level.COMMUNE, Level.DISTRICT),
                Set.of(Field.values()), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 6, 30),
                List.of(new CampaignPlan.Quota(UnitKind.COMMUNE, ModelKind.COLLECTIVE, 2)), List.of(), null, null,
                null), SEEDER);
        int created = 0;
        for (Map.Entry<FormerUnit, String> ward : wards.entrySet()) {
            Field field = Field.values()[random.nextInt(Field.values().length)];
            List<String> models = MODELS.get(field);
            String place = ward.getKey().name().replaceFirst("^Phường ", "");
            RegistrationForm form = new RegistrationForm(campaignId, ward.getValue(), ward.getKey().code(),
                    models.get(random.nextInt(models.size())) + " " + place, ModelKind.COLLECTIVE, field,
                    Level.COMMUNE, new RegistrationForm.Owner(RegistrationForm.OwnerType.ORGANISATION,
                            "Hội Liên hiệp Phụ nữ phường " + place, null, null, null),
                    null, "Mô hình năm 2024, nhập lại từ hồ sơ giấy.", null, List.of(), LocalDate.of(2024, 4, 1),
                    LocalDate.of(2025, 3, 31), null);
            if (registrations.seed(form, APPROVED, SEEDER)) {
                created++;
            }
        }
        return created;
    }
}
