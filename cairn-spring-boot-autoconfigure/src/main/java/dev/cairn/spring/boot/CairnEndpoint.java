package dev.cairn.spring.boot;

import dev.cairn.Cairn;
import dev.cairn.engine.StatusDocument;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/cairn}: every migration's state, the {@code cairn status --json} document. Reads only. */
@Endpoint(id = "cairn")
public class CairnEndpoint {

    private final Cairn cairn;

    public CairnEndpoint(Cairn cairn) {
        this.cairn = cairn;
    }

    @ReadOperation
    public Map<String, Object> status() {
        return StatusDocument.of(cairn.status(), SpringHost.HOST);
    }
}
