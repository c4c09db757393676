package org.suptools.model.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeEffectTest {

    @Test
    void firmwareUpdate_restartsTheRuntime_likeRuntimeRestart() {
        assertThat(ActionType.FIRMWARE_UPDATE.runtimeEffect()).isEqualTo(RuntimeEffect.RESTART);
        assertThat(ActionType.RUNTIME_RESTART.runtimeEffect()).isEqualTo(RuntimeEffect.RESTART);
    }

    @Test
    void stop_touchesTheRuntime_butDoesNotStartIt() {
        assertThat(RuntimeEffect.STOP.touchesRuntime()).isTrue();
        assertThat(RuntimeEffect.STOP.startsRuntime()).isFalse();
        assertThat(RuntimeEffect.START.startsRuntime()).isTrue();
    }

    @Test
    void aReboot_comesAfterThePackage_soItDoesNotTouchTheRuntimeMeanwhile() {
        assertThat(ActionType.SYSTEM_REBOOT.runtimeEffect()).isEqualTo(RuntimeEffect.REBOOT_AFTER);
        assertThat(RuntimeEffect.REBOOT_AFTER.touchesRuntime()).isFalse();
    }

    @Test
    void fileActions_leaveTheRuntimeAlone() {
        assertThat(ActionType.FILE_COPY.runtimeEffect()).isEqualTo(RuntimeEffect.NONE);
        assertThat(ActionType.PROPERTIES_SET.runtimeEffect().touchesRuntime()).isFalse();
    }
}
