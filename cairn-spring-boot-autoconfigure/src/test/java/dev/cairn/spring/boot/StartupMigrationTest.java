package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.engine.StatusDocument;
import dev.cairn.spring.boot.app.Customer;
import dev.cairn.spring.boot.app.CustomerRepository;
import dev.cairn.spring.boot.app.ShopApplication;
import dev.cairn.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A JPA application with {@code ddl-auto=validate} on an empty database: Cairn migrates before Hibernate
 * validates, a restart applies nothing, and {@code /actuator/cairn} shows the status document.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupMigrationTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void migratesBeforeJpaValidatesThenARestartAppliesNothingAndTheEndpointShowsTheStatus(CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext app = Apps.run(db, List.of(ShopApplication.class),
                "spring.jpa.hibernate.ddl-auto=validate")) {
            CustomerRepository customers = app.getBean(CustomerRepository.class);
            customers.save(new Customer("Ada", "ada@example.com"));
            assertThat(customers.findByEmail("ada@example.com")).extracting(Customer::getName).containsExactly("Ada");
        }
        assertThat(Apps.column(db, "SELECT version || ':' || batch FROM cairn_history ORDER BY version"))
                .containsExactly("20240101090000:1", "20240101090100:1");
        assertThat(output).contains("cairn: applied 20240101090000_create_customers.sql",
                "cairn: applied 2 migrations to ");

        try (ConfigurableApplicationContext app = Apps.builder(db, List.of(ShopApplication.class),
                "spring.jpa.hibernate.ddl-auto=validate", "server.port=0",
                "management.endpoints.web.exposure.include=cairn").web(WebApplicationType.SERVLET).run()) {
            assertThat(Apps.column(db, "SELECT count(*) FROM cairn_history")).containsExactly("2");
            assertThat(output).contains("is up to date: no pending migrations");
            assertThat(app.getBean(CustomerRepository.class).count()).isEqualTo(1);

            String port = app.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/cairn")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            String body = r.body();
            // The same document as `cairn status --json`: every top-level field, in the same order.
            List<String> fields = List.copyOf(StatusDocument.of(app.getBean(Cairn.class).status()).keySet());
            assertThat(fields).containsExactly("database", "table", "summary", "migrations", "rollbacks", "ignored",
                    "problems", "size");
            int at = -1;
            for (String f : fields) {
                int next = body.indexOf("\"" + f + "\"", at + 1);
                assertThat(next).as("field %s after the one before it in %s", f, body).isGreaterThan(at);
                at = next;
            }
            assertThat(body).containsPattern("\"applied\"\\s*:\\s*2").containsPattern("\"pending\"\\s*:\\s*0")
                    .containsPattern("\"state\"\\s*:\\s*\"applied\"").contains("\"20240101090100\"");
        }
    }
}
