package io.wegate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The wegate gateway. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WegateApplication {

    public static void main(String[] args) {
        SpringApplication.run(WegateApplication.class, args);
    }
}
