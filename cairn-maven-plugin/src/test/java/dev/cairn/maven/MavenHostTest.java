package dev.cairn.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import org.junit.jupiter.api.Test;

/** What to do next, in the plugin's words: parameters and goals, not the command line's flags. */
class MavenHostTest {

    @Test
    void aSettingIsTheGoalsParameter() {
        CairnException e = new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.timeout", "wait for it, raise "
                + Next.setting("lock-timeout") + ", or set " + Next.setting("lock-timeout", "30s") + " or "
                + Next.setting("dir", "db/migrations"));
        assertThat(e.message(MavenHost.HOST)).isEqualTo("wait for it, raise <lockTimeout>, or set"
                + " <lockTimeout>30s</lockTimeout> or <dirs>db/migrations</dirs>");
    }

    @Test
    void anOperationIsTheGoalAndOneWithoutAGoalIsTheCommandLines() {
        CairnException e = CairnException.validation("validate.modified", "run '" + Next.action("repair")
                + "' to accept it, or '" + Next.action("migrate", Next.setting("rerun-modified")) + "'; or '"
                + Next.action("unlock", Next.setting("lock-mode", "table"), Next.setting("force")) + "'");
        assertThat(e.message(MavenHost.HOST)).isEqualTo("run 'mvn cairn:repair' to accept it, or"
                + " 'mvn cairn:migrate -Dcairn.rerunModified=true'; or 'cairn unlock --lock-mode table --force'");
    }
}
