package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import org.junit.jupiter.api.Test;

/** What to do next, in Spring Boot's words: cairn.* properties and the Cairn bean's methods. */
class SpringHostTest {

    @Test
    void aSettingIsItsPropertyAndOneWithoutAPropertyKeepsItsName() {
        CairnException e = CairnException.usage("x", "raise " + Next.setting("lock-timeout") + ", set "
                + Next.setting("lock-mode", "table") + ", " + Next.setting("out-of-order") + ", "
                + Next.setting("dir", "db") + " or " + Next.setting("rerun-modified"));
        assertThat(e.message(SpringHost.HOST)).isEqualTo("raise cairn.lock-timeout, set cairn.lock-mode=table,"
                + " cairn.out-of-order=true, cairn.locations=db or rerun-modified");
    }

    @Test
    void anOperationIsTheCallOnTheCairnBean() {
        CairnException e = CairnException.validation("x", "run '" + Next.action("repair") + "' or '"
                + Next.action("import", Next.setting("table", "flyway_schema_history")) + "'");
        assertThat(e.message(SpringHost.HOST)).isEqualTo("run 'Cairn.repair()' or"
                + " 'Cairn.importHistory() with cairn.table=flyway_schema_history'");
    }
}
