package dev.cairn.engine;

import dev.cairn.dialect.postgres.PgGenerator;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.schema.SchemaModel;
import dev.cairn.schema.SchemaModel.Column;
import dev.cairn.schema.SchemaModel.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The renames of a generated migration: those given ({@code --rename old:new}), then, for each
 * table where exactly one column goes and one of the same type comes, the caller's answer to
 * "is it a rename?". Never guessed: without a yes it is a drop and an add.
 */
final class GenerateRenames {

    private GenerateRenames() {
    }

    static List<PgGenerator.Rename> resolve(SchemaModel current, SchemaModel desired, GenerateRequest request) {
        List<PgGenerator.Rename> out = new ArrayList<>();
        for (String r : request.renames()) {
            out.add(parse(current, r));
        }
        for (Table t : current.tables()) {
            Table d = desired.tables().stream().filter(x -> x.qualified().equals(t.qualified())).findFirst().orElse(null);
            if (d == null || out.stream().anyMatch(r -> r.from().startsWith(t.qualified() + ".")
                    || r.from().equals(t.qualified()))) {
                continue;
            }
            List<Column> gone = t.columns().stream().filter(c -> find(d, c.name()) == null).toList();
            List<Column> came = d.columns().stream().filter(c -> find(t, c.name()) == null).toList();
            if (gone.size() == 1 && came.size() == 1 && gone.get(0).type().equals(came.get(0).type())
                    && request.askRename().test(new GenerateRequest.RenameCandidate(t.qualified(), gone.get(0).name(),
                    came.get(0).name(), came.get(0).type()))) {
                out.add(new PgGenerator.Rename(t.qualified() + "." + gone.get(0).name(),
                        t.qualified() + "." + came.get(0).name()));
            }
        }
        return out;
    }

    private static Column find(Table t, String name) {
        return t.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * {@code [schema.]table[.column]:new}: a table when the old name is one (public when no schema is
     * given), else a column; the new name is the last part (a qualified new name is accepted).
     */
    static PgGenerator.Rename parse(SchemaModel current, String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw CairnException.usage("generate.rename", Next.setting("rename", text) + ": give old:new, such as"
                    + " public.users.email:mail or users:customers");
        }
        String old = text.substring(0, colon);
        String name = text.substring(text.lastIndexOf('.') + 1);
        if (name.contains(":")) {
            name = name.substring(name.indexOf(':') + 1);
        }
        String[] parts = old.split("\\.");
        String qualified = switch (parts.length) {
            case 1 -> "public." + old;
            case 2 -> current.tables().stream().anyMatch(t -> t.qualified().equals(old)) ? old : "public." + old;
            default -> old;
        };
        String prefix = qualified.substring(0, qualified.lastIndexOf('.') + 1);
        return new PgGenerator.Rename(qualified, prefix + name);
    }
}
