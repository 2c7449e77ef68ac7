package vn.dvk.registration.registration;

import vn.dvk.kit.text.Texts;

/**
 * A model's title as registrations are compared and searched by: folded ({@link Texts#fold}), so that
 * "Nuôi  ONG lấy mật" and "nuoi ong lay mat" give the same key.
 */
public final class TitleKey {

    private TitleKey() {
    }

    public static String of(String text) {
        return Texts.fold(text);
    }
}
