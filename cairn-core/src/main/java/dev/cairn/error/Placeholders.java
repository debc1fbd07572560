package dev.cairn.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading the placeholders {@link Next#toString()} writes back into {@link Next} values. */
final class Placeholders {
    static final Pattern PATTERN = Pattern.compile(Next.OPEN + "([^" + Next.CLOSE + "]*)" + Next.CLOSE);

    private Placeholders() {
    }

    static Next parse(String body) {
        String[] f = body.split(Next.FIELD, -1);
        if (f[0].equals("set")) {
            return new Next.Setting(f[1], f.length > 2 ? f[2] : "");
        }
        List<Next.Setting> settings = new ArrayList<>();
        for (int i = 2; i + 1 < f.length; i += 2) {
            settings.add(new Next.Setting(f[i], f[i + 1]));
        }
        return new Next.Action(f[1], settings);
    }
}
