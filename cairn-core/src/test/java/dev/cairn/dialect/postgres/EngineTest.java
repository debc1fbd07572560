package dev.cairn.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.error.Host;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine behind {@code version()}, from the strings these servers print (CockroachDB's and
 * YugabyteDB's as their documentation and shells show them; Citus keeps PostgreSQL's and is known by
 * its extension). The servers cannot be run here: this is the parser; plain PostgreSQL is tested live
 * in {@code EngineDetectionTest}.
 */
class EngineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CockroachDB CCL v23.1.11 (x86_64-pc-linux-gnu, built 2023/09/27 01:53:43, go1.19.13) | false | COCKROACHDB | CockroachDB v23.1.11
            CockroachDB CCL v20.1.15 (x86_64-unknown-linux-gnu, built 2021/04/26 16:11:58, go1.13.9) | false | COCKROACHDB | CockroachDB v20.1.15
            CockroachDB OSS v21.1.1 (x86_64-apple-darwin19, built 2021/05/24 15:00:00, go1.15.11) | false | COCKROACHDB | CockroachDB v21.1.1
            PostgreSQL 11.2-YB-2.6.1.0-b0 on x86_64-pc-linux-gnu, compiled by gcc (Homebrew gcc 5.5.0_4) 5.5.0, 64-bit | false | YUGABYTEDB | YugabyteDB 2.6.1.0 (PostgreSQL 11.2)
            PostgreSQL 15.12-YB-2.25.2.0-b0 on x86_64-pc-linux-gnu, compiled by clang version 17.0.6, 64-bit | false | YUGABYTEDB | YugabyteDB 2.25.2.0 (PostgreSQL 15.12)
            PostgreSQL 16.4 on x86_64-pc-linux-gnu, compiled by gcc (GCC) 11.4.1 20231218 (Red Hat 11.4.1-3), 64-bit | true | CITUS | Citus
            PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit | false | POSTGRESQL | PostgreSQL
            PostgreSQL 17.2 on aarch64-apple-darwin23.6.0, compiled by Apple clang version 16.0.0 (clang-1600.0.26.4), 64-bit | false | POSTGRESQL | PostgreSQL
            """)
    void detectsTheEngineFromVersionAndTheCitusExtension(String version, boolean citus, Engine engine, String described) {
        assertThat(Engine.of(version, citus)).isEqualTo(engine);
        assertThat(Engine.describe(version, citus)).isEqualTo(described);
        if (engine == Engine.POSTGRESQL) {
            assertThat(Engine.leaseReason(version, citus)).isEmpty();
        } else {
            assertThat(Engine.leaseReason(version, citus)).hasValueSatisfying(r -> assertThat(Host.NEUTRAL.render(r))
                    .startsWith(described + " detected: ").contains("lease lock (lock mode table)")
                    .contains("set lock-mode to choose otherwise"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CockroachDB CCL v24.3.5 (x86_64-pc-linux-gnu, built 2025/02/03 17:28:15, go1.22.8) | stubs that lock nothing
            PostgreSQL 11.2-YB-2.18.0.0-b0 on x86_64-pc-linux-gnu, compiled by clang version 15.0.3, 64-bit | tablet servers
            """)
    void saysWhyTheLeaseIsUsed(String version, String why) {
        assertThat(Engine.leaseReason(version, false)).hasValueSatisfying(r -> assertThat(r).contains(why));
        assertThat(Engine.leaseReason("PostgreSQL 15.4 on x86_64-pc-linux-gnu", true))
                .hasValueSatisfying(r -> assertThat(r).contains("only on the node Cairn is connected to"));
    }
}
