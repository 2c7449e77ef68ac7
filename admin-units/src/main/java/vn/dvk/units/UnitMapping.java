package vn.dvk.units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the units before 1 July 2025 became the 2025 units: for each old province and old commune, the 2025 unit (or
 * units, when it was split) it went into, wholly or in part. From the official merge mapping (shared/data/admin-units,
 * flattened into {@code merges-2025.csv}). Districts are not in it: a district's successors are its communes'.
 * Old commune codes are the pre-2025 five-digit codes; some equal a 2025 code of another unit, so an old code is only
 * ever looked up here, never in {@link UnitCatalog}.
 */
public final class UnitMapping {

    /**
     * One old unit going into one 2025 unit.
     *
     * @param full the whole old unit went into {@code newCode}; otherwise only part of it did
     */
    public record Merge(String oldCode, String oldName, String newCode, boolean full) {
    }

    private final Map<String, List<Merge>> provinces;
    private final Map<String, List<Merge>> communes;
    private final Map<String, List<Merge>> intoNew;

    private UnitMapping(List<String[]> rows) {
        Map<String, List<Merge>> provinces = new LinkedHashMap<>();
        Map<String, List<Merge>> communes = new LinkedHashMap<>();
        Map<String, List<Merge>> intoNew = new LinkedHashMap<>();
        for (String[] row : rows) {
            Merge merge = new Merge(row[1], UnitCatalog.nfc(row[2]), row[3], "full".equals(row[4]));
            (row[0].equals("province") ? provinces : communes)
                    .computeIfAbsent(merge.oldCode(), k -> new ArrayList<>()).add(merge);
            intoNew.computeIfAbsent(merge.newCode(), k -> new ArrayList<>()).add(merge);
        }
        this.provinces = Collections.unmodifiableMap(provinces);
        this.communes = Collections.unmodifiableMap(communes);
        this.intoNew = Collections.unmodifiableMap(intoNew);
    }

    /** The mapping, read once per JVM. */
    public static UnitMapping official2025() {
        return Official.MAPPING;
    }

    private static final class Official {
        static final UnitMapping MAPPING = new UnitMapping(UnitCatalog.rows("/admin-units/merges-2025.csv"));
    }

    /** The 2025 province(s) an old province went into. */
    public List<Merge> provinceSuccessors(String oldProvinceCode) {
        return provinces.getOrDefault(oldProvinceCode, List.of());
    }

    /** The 2025 commune(s) an old commune went into: one when merged whole, several when split. */
    public List<Merge> communeSuccessors(String oldCommuneCode) {
        return communes.getOrDefault(oldCommuneCode, List.of());
    }

    /** The old units that went into a 2025 province or commune. */
    public List<Merge> predecessorsOf(String newCode) {
        return intoNew.getOrDefault(newCode, List.of());
    }

    public int oldCommunes() {
        return communes.size();
    }
}
