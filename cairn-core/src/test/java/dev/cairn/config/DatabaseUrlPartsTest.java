package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlPartsTest {

    @ParameterizedTest
    @CsvSource({
        "postgres://u:p@db.example.com:6543/app?sslmode=require, db.example.com, 6543, app",
        "postgres://u@db/app, db, 5432, app",
        "postgres:///app, localhost, 5432, app",
        "'jdbc:postgresql://h1:5433,h2:5434/multi?user=x', h1, 5433, multi",
        "jdbc:postgresql://[::1]:5435/v6, ::1, 5435, v6",
        "jdbc:postgresql:shortform, localhost, 5432, shortform",
        "jdbc:postgresql://localhost/my%20db, localhost, 5432, my db",
    })
    void hostPortAndDatabase(String url, String host, int port, String database) {
        DatabaseUrl u = DatabaseUrl.parse(url);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.port()).isEqualTo(port);
        assertThat(u.database()).isEqualTo(database);
    }
}
