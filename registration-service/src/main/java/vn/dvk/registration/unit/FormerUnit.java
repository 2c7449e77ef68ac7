package vn.dvk.registration.unit;

import java.util.List;

import vn.dvk.registration.campaign.Level;

/**
 * A unit of the catalog before 1 July 2025, as a record of that time names it: its code, level and name, and its
 * path of old codes from the province down ({@code [01, 001, 00001]}). Old codes of different levels differ in
 * length (2, 3 and 5 digits), so a code of the path names its level too.
 */
public record FormerUnit(String code, Level level, String name, List<String> path) {

    public FormerUnit {
        path = List.copyOf(path);
    }
}
