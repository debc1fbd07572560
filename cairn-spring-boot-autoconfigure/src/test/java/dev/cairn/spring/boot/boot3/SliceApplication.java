package dev.cairn.spring.boot.boot3;

import dev.cairn.spring.boot.app.Customer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The configuration the Boot 3 test slices find: the shop's entity and repository package. */
@SpringBootConfiguration
@EnableAutoConfiguration
@AutoConfigurationPackage(basePackageClasses = Customer.class)
public class SliceApplication {
}
