package dev.cairn.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small JPA application, as a user writes one: an entity, a repository, two migrations in db/migrations. */
@SpringBootApplication
public class ShopApplication {
}
