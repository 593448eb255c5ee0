package io.peergraph.api.graphql;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.graphql.data.method.HandlerMethod;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;

/**
 * Where controller methods run. With virtual threads on, Spring for GraphQL hands every controller method that does
 * not return a reactive or asynchronous value to the application executor: a virtual thread per field, so that
 * fields which wait on the graph (sibling operations, aliases) wait side by side. A field answered from memory gains
 * nothing from that and pays a hand-off and a context snapshot per call; in peersWithSymptom's answer those were
 * ~60 per request (similarity, pseudonym and so on for each of 20 reports and 10 solutions). Methods marked
 * {@link InMemory} therefore run on the thread that executes the request; the rest keep their own virtual thread.
 * The security context and the request's database permits are restored around every field either way (Spring for
 * GraphQL's context propagation), so a method moved here sees the same caller.
 */
@Configuration(proxyBeanMethods = false)
public class InMemoryFields {

    /** Spring for GraphQL's own rule for "may block" (a synchronous return type), less the methods marked {@link InMemory}. */
    static boolean runsOnItsOwnThread(HandlerMethod method) {
        return ReactiveAdapterRegistry.getSharedInstance().getAdapter(method.getReturnType().getParameterType()) == null
                && !KotlinDetector.isSuspendingFunction(method.getMethod())
                && !method.hasMethodAnnotation(InMemory.class);
    }

    @Bean
    static BeanPostProcessor inMemoryFieldsOnTheRequestThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AnnotatedControllerConfigurer controllers) {
                    controllers.setBlockingMethodPredicate(InMemoryFields::runsOnItsOwnThread);
                }
                return bean;
            }
        };
    }
}
