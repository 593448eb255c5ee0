package io.peergraph.api.web;

import io.peergraph.api.testing.ApiTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A test in a real browser against the real service: the api tests' shared service ({@link ApiTest}, one Spring
 * context for all of them) and one Chromium shared by every browser test of the JVM, closed when the test run ends.
 * Without Chromium the test is skipped with a message that says how to install it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApiTest
@Tag("browser")
@ExtendWith(BrowserTest.SharedBrowser.class)
public @interface BrowserTest {

    /** Starts the browser on first use and hands it to test methods and constructors asking for a {@link Browser}. */
    class SharedBrowser implements ExecutionCondition, ParameterResolver {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Browser.installed() ? ConditionEvaluationResult.enabled("Chromium is installed")
                    : ConditionEvaluationResult.disabled(Browser.INSTALL_HINT);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The root store outlives every test class and closes what it holds when the whole run ends.
            return context.getRoot().getStore(ExtensionContext.Namespace.create(Browser.class))
                    .computeIfAbsent("browser", key -> new Browser(), Browser.class);
        }
    }
}
