/**
 * Which JCA provider does wegate's cryptography: AWS's native Amazon Corretto Crypto Provider where
 * it loads, else the JDK's own. Installed once per JVM, before the application context starts.
 */
package io.wegate.server.crypto;
