/** The process's lifecycle: what CES does when the operating system tells the JVM to stop. */
package io.ces.infrastructure.lifecycle;
