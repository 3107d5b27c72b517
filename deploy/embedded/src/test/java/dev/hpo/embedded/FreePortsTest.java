package dev.hpo.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsDrawnInOneJvmAreDistinctAndLeaveTheirNextPortsAlone() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ports.add(FreePorts.find());
        }
        Collections.sort(ports);
        for (int port : ports) {
            assertTrue(port >= FreePorts.LOWEST && port + FreePorts.BLOCK <= FreePorts.HIGHEST, "out of range: " + port);
        }
        for (int i = 1; i < ports.size(); i++) {
            assertTrue(ports.get(i) - ports.get(i - 1) >= FreePorts.BLOCK,
                    ports.get(i - 1) + " and " + ports.get(i) + " are closer than " + FreePorts.BLOCK + ": " + ports);
        }
    }
}
