package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The application starts on a database only Cairn migrated, and Hibernate's validation passes. */
@SpringBootTest
class ShopApplicationTests {

    @Autowired
    ProductRepository products;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void startsOnTheMigratedSchema() {
        products.save(new Product("Granite cairn", new BigDecimal("12.50")));
        assertThat(products.findByNameContainingIgnoreCase("cairn")).extracting(Product::getName)
                .containsExactly("Granite cairn");
        assertThat(jdbc.queryForList("SELECT version FROM cairn_history ORDER BY version", String.class))
                .containsExactly("20240101090000", "20240101090100");
    }
}
