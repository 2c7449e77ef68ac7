package vn.dvk.registration.registration;

import org.springframework.stereotype.Component;
import vn.dvk.kit.problem.DomainException;

/** What the demo seeder may do with registrations: register one and move it to a state chosen by a dice roll. */
@Component
public class RegistrationDemo {

    private final RegistrationDesk desk;

    RegistrationDemo(RegistrationDesk desk) {
        this.desk = desk;
    }

    /**
     * Registers {@code form} and, by {@code dice} (0–99): 10% stay drafts, 10% are withdrawn, 10% returned, 10%
     * returned and resubmitted, 30% approved, the rest submitted. False when a rule refused it (quota, duplicate).
     */
    public boolean seed(RegistrationForm form, int dice, String by) {
        RegistrationForm asDraft = form.withSubmit(dice >= 10);
        try {
            Registration r = desk.register(asDraft, by);
            if (dice < 10) {
                return true;
            }
            if (dice < 20) {
                desk.withdraw(r, by);
            } else if (dice < 40) {
                r = desk.sendBack(r, "Bổ sung chỉ tiêu đo lường và minh chứng.", by);
                if (dice >= 30) {
                    desk.submit(r, by);
                }
            } else if (dice < 70) {
                desk.approve(r, by);
            }
            return true;
        } catch (DomainException refused) {
            return false;
        }
    }
}
