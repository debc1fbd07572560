package dev.cairn.spring.boot.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.spring.boot.app.Customer;
import dev.cairn.spring.boot.app.CustomerRepository;
import dev.cairn.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spring Boot 4's @DataJpaTest runs Cairn's migrations, as it runs Flyway's; Hibernate validates the result. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaSliceTest {

    static final String NAME = "cairn_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase db = TestDatabase.attach(NAME, TestDatabase.create(NAME));
        registry.add("spring.datasource.url", db::url);
    }

    @AfterAll
    static void drop() throws Exception {
        TestDatabase.drop(NAME);
    }

    @Autowired
    CustomerRepository customers;

    @Test
    void theRepositoryWorksOnTheMigratedSchema() {
        customers.save(new Customer("Grace", "grace@example.com"));
        assertThat(customers.findByEmail("grace@example.com")).extracting(Customer::getName).containsExactly("Grace");
    }
}
