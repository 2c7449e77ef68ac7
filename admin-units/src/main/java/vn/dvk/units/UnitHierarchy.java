package vn.dvk.units;

import java.util.List;

/**
 * Which unit lies inside which. Authorization rests on it: a user acts only inside the subtree of their own unit.
 * The default is the official catalog; a service that knows more units (organisations under a commune, historical
 * districts) provides its own bean.
 */
public interface UnitHierarchy {

    /** The unit's ancestors from the top down, ending with the unit itself; empty when the unit is unknown. */
    List<String> pathOf(String unitCode);

    /** Whether {@code unit} is {@code ancestor} or lies below it. Unknown units are inside nothing. */
    default boolean contains(String ancestor, String unit) {
        return ancestor != null && unit != null && pathOf(unit).contains(ancestor);
    }
}
