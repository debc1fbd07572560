package dev.cairn.spring.boot;

import dev.cairn.Cairn;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@link CairnEndpoint} when Actuator is present and the endpoint is exposed. */
@AutoConfiguration(after = CairnAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(CairnEndpoint.class)
public class CairnEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Cairn.class)
    public CairnEndpoint cairnEndpoint(Cairn cairn) {
        return new CairnEndpoint(cairn);
    }
}
