package dev.cairn.cli;

import dev.cairn.error.CairnException;
import java.time.Duration;
import picocli.CommandLine;

/** picocli's converter for duration options; the reading itself is {@link dev.cairn.config.Durations}. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return parse(value, "duration");
        } catch (CairnException e) {
            // picocli shows this message as it is, after the option's name.
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The converter of a timeout that {@code off} turns off ({@link Duration#ZERO}). */
    public static final class OrOff implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return dev.cairn.config.Durations.parseOrOff(value, "duration");
            } catch (CairnException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses, naming {@code what} in the error. */
    public static Duration parse(String value, String what) {
        return dev.cairn.config.Durations.parse(value, what);
    }
}
