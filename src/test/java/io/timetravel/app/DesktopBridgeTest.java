package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** The workbench's verified identity comes from the OS, not from a property anyone can set. */
class DesktopBridgeTest {

    @Test
    void theOsAccountIsWhatTheOsSaysNotTheUserNameProperty() {
        String before = DesktopBridge.osAccount();
        String property = System.getProperty("user.name");
        try {
            System.setProperty("user.name", "someone-else");

            assertNotNull(before, "the OS names the account this process runs as");
            assertEquals(before, DesktopBridge.osAccount());
            assertNotEquals("someone-else", DesktopBridge.osAccount());
        } finally {
            System.setProperty("user.name", property);
        }
    }
}
