package vn.dvk.units;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official administrative units in force since 1 July 2025 — 34 provinces and 3,321 communes — shipped as a
 * resource (a copy of shared/data/admin-units). Codes are strings with leading zeros: provinces have two digits,
 * communes five, so the two never collide.
 */
public final class UnitCatalog implements UnitHierarchy {

    /** A province ({@code parentCode} null) or a commune, ward or special zone. Names are NFC. */
    public record Unit(String code, String name, String type, String parentCode) {
    }

    private final Map<String, Unit> units;
    private final Map<String, List<Unit>> children;

    private UnitCatalog(Map<String, Unit> units) {
        this.units = Collections.unmodifiableMap(units);
        Map<String, List<Unit>> byParent = new LinkedHashMap<>();
        units.values().stream().filter(u -> u.parentCode() != null)
                .forEach(u -> byParent.computeIfAbsent(u.parentCode(), k -> new ArrayList<>()).add(u));
        this.children = byParent;
    }

    /** The catalog, read once per JVM: it is immutable, and every service, the gateway and tests share it. */
    public static UnitCatalog official2025() {
        return Official.CATALOG;
    }

    private static final class Official {
        static final UnitCatalog CATALOG = load();
    }

    private static UnitCatalog load() {
        Map<String, Unit> units = new LinkedHashMap<>();
        for (String[] row : rows("/admin-units/provinces-2025.csv")) {
            units.put(row[0], new Unit(row[0], nfc(row[1]), row[2], null));
        }
        for (String[] row : rows("/admin-units/communes-2025.csv")) {
            if (!units.containsKey(row[3])) {
                throw new IllegalStateException("commune " + row[0] + " names an unknown province " + row[3]);
            }
            units.put(row[0], new Unit(row[0], nfc(row[1]), row[2], row[3]));
        }
        return new UnitCatalog(units);
    }

    public Optional<Unit> find(String code) {
        return Optional.ofNullable(code == null ? null : units.get(code));
    }

    public List<Unit> provinces() {
        return units.values().stream().filter(u -> u.parentCode() == null).toList();
    }

    public List<Unit> childrenOf(String code) {
        return children.getOrDefault(code, List.of());
    }

    public int size() {
        return units.size();
    }

    @Override
    public List<String> pathOf(String unitCode) {
        Unit unit = unitCode == null ? null : units.get(unitCode);
        if (unit == null) {
            return List.of();
        }
        return unit.parentCode() == null ? List.of(unit.code()) : List.of(unit.parentCode(), unit.code());
    }

    static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The catalog's CSV files have no quoted fields; a comma inside a name would be a data error. */
    static List<String[]> rows(String resource) {
        try (InputStream in = UnitCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            int columns = header.split(",").length;
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(resource + ": bad row " + line);
                }
                rows.add(fields);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
