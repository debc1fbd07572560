package dev.cairn.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Why an entry of a migrations directory that is not a regular file cannot be read, in words that follow its name. */
final class NotAFile {

    private NotAFile() {
    }

    /**
     * Why an entry that is neither a regular file nor a folder cannot be read, told from its
     * attributes alone: a FIFO must never be opened, since opening it waits for a writer.
     */
    static String why(Path f, BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            try {
                BasicFileAttributes target = Files.readAttributes(f, BasicFileAttributes.class);
                return "is a symbolic link to " + special(f, target) + ", not to a file";
            } catch (java.nio.file.NoSuchFileException e) {
                return "is a broken symbolic link (what it points to does not exist)";
            } catch (IOException e) {
                String why = String.valueOf(e.getMessage());
                return why.contains("levels of symbolic links") || why.contains("loop")
                        ? "is a symbolic link loop" : "is a symbolic link that cannot be followed (" + why + ")";
            }
        }
        String what = special(f, attrs);
        return "is " + what + ", not a file";
    }

    /** A FIFO, a device, a socket, by the type bits of its mode where the file system reports them. */
    private static String special(Path f, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(f, "unix:mode") & 0170000;
            switch (type) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // No unix view on this file system: say what is certain.
        }
        return "a special file (device, FIFO or socket)";
    }
}
