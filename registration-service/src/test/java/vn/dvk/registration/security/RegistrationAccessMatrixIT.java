package vn.dvk.registration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.AccessMatrix.Scope;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.registration.support.RegistrationApi;

/**
 * Every endpoint of registration-service × every role × own, parent and sibling unit. The objects belong to
 * Phường Ba Đình (00004), including the campaign, which its own coordinator launched for the commune.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationAccessMatrixIT {

    private static final String BASE = "/api/registration";
    private static final String OWN = AccessMatrix.OWN_UNIT;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-access");
    }

    private RegistrationApi api;
    private String campaignId;

    @Test
    void shouldLetEachRoleDoOnlyWhatItMayAndOnlyInsideItsUnit() throws Exception {
        api = new RegistrationApi(port);
        String title = "Mô hình của riêng phường Ba Đình";
        campaignId = api.launchCampaign("coordinator." + OWN, plan());
        String registrationId = register(title, true);
        String draftId = register("Bản nháp của phường Ba Đình", false);
        String runningId = register("Mô hình đang thực hiện", true);
        assertThat(api.send("POST", BASE + "/registrations/" + runningId + "/approve", null, "coordinator." + OWN)
                .statusCode()).isEqualTo(200);
        String draftCampaign = created(api.send("POST", BASE + "/campaigns", plan(), "coordinator." + OWN));
        var everyone = AccessMatrix.EVERY_ROLE;
        var coordinators = EnumSet.of(Role.COORDINATOR);
        var officers = EnumSet.of(Role.UNIT_OFFICER);
        var keepers = EnumSet.of(Role.COORDINATOR, Role.UNIT_OFFICER);
        String organisationId = organisation();
        String attachment = attached();
        String block = "{\"members\":[{\"name\":\"Trần Văn Hùng\",\"position\":\"Bí thư Đảng ủy\","
                + "\"role\":\"LEADER\"}]}";
        assertThat(api.send("PUT", BASE + "/units/" + OWN + "/block", block, "officer." + OWN).statusCode())
                .isEqualTo(200);

        new AccessMatrix("http://127.0.0.1:" + port, mappings, title)
                .endpoint("POST", BASE + "/campaigns", BASE + "/campaigns", plan(), coordinators, 201, Scope.UNIT)
                .endpoint("PUT", BASE + "/campaigns/{id}", BASE + "/campaigns/" + draftCampaign, plan(), coordinators,
                        200, Scope.UNIT)
                .endpoint("POST", BASE + "/campaigns/{id}/launch",
                        fresh(() -> BASE + "/campaigns/" + created(api.send("POST", BASE + "/campaigns", plan(),
                                "coordinator." + OWN)) + "/launch"), () -> null, coordinators, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/campaigns/{id}/extensions",
                        fresh(() -> BASE + "/campaigns/" + api.launchCampaign("coordinator." + OWN, plan())
                                + "/extensions"),
                        () -> "{\"closes\":\"" + RegistrationApi.today().plusDays(90) + "\",\"reason\":\"Gia hạn\"}",
                        coordinators, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/campaigns/{id}/close-registration",
                        fresh(() -> BASE + "/campaigns/" + api.launchCampaign("coordinator." + OWN, plan())
                                + "/close-registration"), () -> null, coordinators, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/campaigns/{id}/close",
                        fresh(() -> BASE + "/campaigns/" + api.launchCampaign("coordinator." + OWN, plan())
                                + "/close"), () -> null, coordinators, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/campaigns/{id}", BASE + "/campaigns/" + campaignId, null, everyone, 200,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/campaigns", BASE + "/campaigns", null, everyone, 200, Scope.CALLER)
                .endpoint("GET", BASE + "/campaigns/{campaignId}/quota-status",
                        BASE + "/campaigns/" + campaignId + "/quota-status?unitCode=" + OWN, null, everyone, 200,
                        Scope.UNIT)
                .endpoint("POST", BASE + "/registrations", () -> BASE + "/registrations",
                        () -> RegistrationApi.form(campaignId, OWN, "Mô hình " + UUID.randomUUID(), "COLLECTIVE",
                                "ECONOMY"), officers, 201, Scope.UNIT)
                .endpoint("GET", BASE + "/registrations/{id}", BASE + "/registrations/" + registrationId, null,
                        everyone, 200, Scope.UNIT)
                .endpoint("PUT", BASE + "/registrations/{id}", BASE + "/registrations/" + draftId,
                        RegistrationApi.form(campaignId, OWN, "Bản nháp của phường Ba Đình", "COLLECTIVE", "ECONOMY"),
                        officers, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/registrations/{id}/submit",
                        fresh(() -> BASE + "/registrations/" + register("Nháp " + UUID.randomUUID(), false)
                                + "/submit"), () -> null, officers, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/registrations/{id}/withdraw",
                        fresh(() -> BASE + "/registrations/" + register("Rút " + UUID.randomUUID(), true)
                                + "/withdraw"), () -> null, officers, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/registrations/{id}/approve",
                        fresh(() -> BASE + "/registrations/" + register("Duyệt " + UUID.randomUUID(), true)
                                + "/approve"), () -> null, coordinators, 200, Scope.UNIT)
                .endpoint("POST", BASE + "/registrations/{id}/return",
                        fresh(() -> BASE + "/registrations/" + register("Trả " + UUID.randomUUID(), true)
                                + "/return"), () -> "{\"reason\":\"Bổ sung chỉ tiêu\"}", coordinators, 200,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/registrations", BASE + "/registrations?unitCode=" + OWN, null, everyone,
                        200, Scope.UNIT)
                .endpoint("POST", BASE + "/registrations/{id}/progress-reports",
                        BASE + "/registrations/" + runningId + "/progress-reports",
                        "{\"reportedOn\":\"" + RegistrationApi.today() + "\",\"narrative\":\"Đã có 40 hộ tham gia\"}",
                        officers, 201, Scope.UNIT)
                .endpoint("POST", BASE + "/registrations/{id}/replications",
                        BASE + "/registrations/" + runningId + "/replications",
                        "{\"place\":\"Phường Ngọc Hà\",\"unitCode\":\"00008\",\"households\":12}", officers, 201,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/campaigns/{campaignId}/progress-due",
                        BASE + "/campaigns/" + campaignId + "/progress-due?unitCode=" + OWN, null, everyone, 200,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/campaigns/{campaignId}/registration-template.xlsx",
                        BASE + "/campaigns/" + campaignId + "/registration-template.xlsx", null, everyone, 200,
                        Scope.UNIT)
                .upload(BASE + "/campaigns/{campaignId}/registration-imports",
                        BASE + "/campaigns/" + campaignId + "/registration-imports", "dang-ky.csv",
                        "Mã đơn vị,Tên mô hình,Loại mô hình,Lĩnh vực\n" + OWN + ",Mô hình nhập từ tệp,Tập thể,Kinh tế\n",
                        officers, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/registrations/export.xlsx", BASE + "/registrations/export.xlsx?unitCode=" + OWN,
                        null, everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/units/{code}", BASE + "/units/" + OWN, null, everyone, 200, Scope.CALLER)
                .endpoint("GET", BASE + "/units", BASE + "/units?parent=01", null, everyone, 200, Scope.CALLER)
                .upload(BASE + "/registrations/{id}/attachments",
                        fresh(() -> BASE + "/registrations/" + register("Minh chứng " + UUID.randomUUID(), true)
                                + "/attachments"), "bien-ban.pdf", EVIDENCE, officers, 201, Scope.UNIT)
                .endpoint("GET", BASE + "/registrations/{id}/attachments/{attachmentId}", BASE + attachment, null,
                        everyone, 200, Scope.UNIT)
                .endpoint("DELETE", BASE + "/registrations/{id}/attachments/{attachmentId}",
                        fresh(() -> BASE + attached()), () -> null, officers, 204, Scope.UNIT)
                .endpoint("POST", BASE + "/units/{code}/organisations",
                        () -> BASE + "/units/" + OWN + "/organisations",
                        () -> "{\"kind\":\"OTHER\",\"name\":\"Tổ chức " + UUID.randomUUID() + "\"}", keepers, 201,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/units/{code}/organisations", BASE + "/units/" + OWN + "/organisations",
                        null, everyone, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/organisations/{id}", BASE + "/organisations/" + organisationId, null,
                        everyone, 200, Scope.UNIT)
                .endpoint("PUT", BASE + "/organisations/{id}", BASE + "/organisations/" + organisationId,
                        "{\"kind\":\"WOMENS_UNION\",\"name\":\"Hội Liên hiệp Phụ nữ phường Ba Đình\"}", keepers,
                        200, Scope.UNIT)
                .endpoint("POST", BASE + "/organisations/{id}/retire",
                        fresh(() -> BASE + "/organisations/" + organisation() + "/retire"), () -> null, keepers, 200,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/units/{code}/block", BASE + "/units/" + OWN + "/block", null, everyone,
                        200, Scope.UNIT)
                .endpoint("PUT", BASE + "/units/{code}/block", BASE + "/units/" + OWN + "/block", block, keepers,
                        200, Scope.UNIT)
                .upload(BASE + "/units/historical-imports", BASE + "/units/historical-imports", "don-vi-cu.csv",
                        "Mã tỉnh,Tên tỉnh,Mã huyện,Tên huyện,Mã xã,Tên xã\n01,Thành phố Hà Nội,001,Quận Ba Đình,00004,"
                                + "Phường Trúc Bạch\n", EnumSet.of(Role.ADMIN), 200, Scope.CALLER)
                .endpoint("GET", BASE + "/units/historical-imports", BASE + "/units/historical-imports", null,
                        EnumSet.of(Role.ADMIN), 200, Scope.CALLER)
                .endpoint("GET", BASE + "/units/historical", BASE + "/units/historical?parent=01", null, everyone,
                        200, Scope.CALLER)
                .endpoint("GET", BASE + "/units/historical/{code}", BASE + "/units/historical/01", null, everyone,
                        200, Scope.CALLER)
                .endpoint("GET", BASE + "/units/{code}/predecessors", BASE + "/units/00004/predecessors", null,
                        everyone, 200, Scope.CALLER)
                .kitEndpoints(BASE)
                .verify();
    }

    private String plan() {
        return RegistrationApi.plan(OWN, "Phong trào của phường Ba Đình", RegistrationApi.today().minusDays(1),
                RegistrationApi.today().plusDays(30), "[]")
                .replace("}", ",\"progressReportsDue\":[\"" + RegistrationApi.today().plusDays(10) + "\"]}");
    }

    private static final String EVIDENCE = "%PDF-1.4\n% biên bản kiểm tra mô hình\n%%EOF\n";

    /** A registration with one evidence file: its path under the base. */
    private String attached() throws Exception {
        String id = register("Có minh chứng " + UUID.randomUUID(), true);
        HttpResponse<String> response = api.upload(BASE + "/registrations/" + id + "/attachments", "a.pdf",
                EVIDENCE.getBytes(java.nio.charset.StandardCharsets.UTF_8), "officer." + OWN);
        return "/registrations/" + id + "/attachments/" + created(response);
    }

    private String organisation() throws Exception {
        return created(api.send("POST", BASE + "/units/" + OWN + "/organisations",
                "{\"kind\":\"WOMENS_UNION\",\"name\":\"Hội " + UUID.randomUUID() + "\"}", "officer." + OWN));
    }

    private String register(String title, boolean submit) throws Exception {
        String form = RegistrationApi.form(campaignId, OWN, title, "COLLECTIVE", "ECONOMY");
        if (!submit) {
            form = form.replace("}", ",\"submit\":false}");
        }
        return created(api.send("POST", BASE + "/registrations", form, "officer." + OWN));
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RegistrationApi.json(response).get("id").asString();
    }

    /** A fresh fixture for every call. */
    private static Supplier<String> fresh(Callable<String> make) {
        return () -> {
            try {
                return make.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
