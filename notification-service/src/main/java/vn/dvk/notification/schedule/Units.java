package vn.dvk.notification.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import vn.dvk.units.UnitCatalog;

/** What the schedule needs of the 2025 catalog: names, the kind of unit quotas are set for, a campaign's units. */
@Component
public class Units {

    private final UnitCatalog catalog = UnitCatalog.official2025();

    public String name(String unitCode) {
        return catalog.find(unitCode).map(UnitCatalog.Unit::name).orElse(unitCode);
    }

    /** PROVINCE, COMMUNE (a unit under a province), or ORGANISATION for a code outside the catalog. */
    public String kind(String unitCode) {
        return catalog.find(unitCode).map(u -> u.parentCode() == null ? "PROVINCE" : "COMMUNE").orElse("ORGANISATION");
    }

    /** The units of a campaign's scope (its unit and those directly under it) with a quota: a window's subjects. */
    public List<String> withQuota(String scope, Map<String, Integer> quotas) {
        List<String> subjects = new ArrayList<>();
        catalog.find(scope).filter(u -> hasQuota(quotas, kind(u.code()))).ifPresent(u -> subjects.add(u.code()));
        for (UnitCatalog.Unit child : catalog.childrenOf(scope)) {
            if (hasQuota(quotas, kind(child.code()))) {
                subjects.add(child.code());
            }
        }
        return subjects;
    }

    /** The units directly under a unit (the communes of a province): who a scheme of the unit grades. */
    public List<String> under(String unitCode) {
        return catalog.childrenOf(unitCode).stream().map(UnitCatalog.Unit::code).toList();
    }

    private static boolean hasQuota(Map<String, Integer> quotas, String unitKind) {
        return quotas.entrySet().stream().anyMatch(e -> e.getKey().startsWith(unitKind + "/") && e.getValue() > 0);
    }
}
