package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URL a local client (the CLI, api.url, a container's health check) reaches the API at. */
class ApiServerUrlTest {
    @Test
    void theLocalUrlIsLoopbackWhenTheApiBindsEveryAddress() {
        assertThat(ApiServer.localUrl("0.0.0.0", 7003)).isEqualTo("http://127.0.0.1:7003");
        assertThat(ApiServer.localUrl("::", 7003)).isEqualTo("http://127.0.0.1:7003");
        assertThat(ApiServer.localUrl("127.0.4.12", 7002)).isEqualTo("http://127.0.4.12:7002");
        assertThat(ApiServer.localUrl("fd00::5", 7000)).isEqualTo("http://[fd00::5]:7000");
    }
}
