package dev.cairn.config;

import dev.cairn.error.CairnException;
import java.util.regex.Pattern;

/**
 * An environment's name ({@code production}, {@code staging-eu}, {@code qa_2}). It selects a seeds
 * folder and a configuration section and decides protection, so it is a plain identifier: ASCII
 * letters, digits, {@code -}, {@code _} and {@code .}, with no {@code .} first or last. Anything
 * else ({@code ./production}, {@code production/}, {@code ../x}, {@code /abs}) could reach a path
 * or dodge protection by spelling, and is refused.
 */
public final class EnvironmentName {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]([A-Za-z0-9._-]*[A-Za-z0-9_-])?");

    private EnvironmentName() {
    }

    /** Whether {@code name} is a plain identifier. */
    public static boolean isPlain(String name) {
        return PLAIN.matcher(name).matches();
    }

    /**
     * Returns {@code name} when it is plain.
     *
     * @param source where the name came from, for the message ({@code --env}, {@code $NODE_ENV})
     * @throws CairnException a usage error (exit 2) naming the source
     */
    public static String check(String name, String source) {
        if (!isPlain(name)) {
            throw CairnException.usage("config.env", "environment name '" + name + "' (from " + source + ") is not"
                    + " a plain name: use letters, digits, '-', '_' and '.' (not first or last), such as production"
                    + " or staging-eu; an environment is a name, not a path. Nothing was touched");
        }
        return name;
    }
}
