package io.wegate.client.callback;

import io.wegate.client.callback.CallbackException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flat {@code <xml>} documents of WeCom and WeChat callbacks (the envelope and the decrypted event), and the JSON
 * envelope of WeChat's JSON mode, read into their top-level elements. DTDs, external entities and XInclude are
 * refused (no XXE, no entity expansion); CDATA and plain text read alike; element order does not matter.
 */
public final class CallbackXml {

    private static final DocumentBuilderFactory FACTORY = factory();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CallbackXml() {}

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /**
     * The top-level elements of {@code xml}: name → text (trimmed), for elements without element children; an
     * element with children (WeCom's {@code ExtAttr}, {@code BatchJob}) gives its children as {@code Parent.Child}.
     * The first occurrence of a name wins.
     *
     * @throws CallbackException ({@link Reason#ENVELOPE}) when it is not a well-formed document or holds a DTD
     */
    public static Map<String, String> parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new CallbackException(Reason.ENVELOPE, "the body is empty");
        }
        Document doc;
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // no parser messages on stderr
            doc = b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException | IOException e) {
            throw new CallbackException(Reason.ENVELOPE, "the body is not well-formed XML, or it holds a DTD");
        }
        Map<String, String> out = new LinkedHashMap<>();
        collect(doc.getDocumentElement(), "", out);
        return Collections.unmodifiableMap(out);
    }

    private static void collect(Element parent, String prefix, Map<String, String> out) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                String name = prefix + e.getTagName();
                if (hasElementChildren(e)) {
                    if (prefix.isEmpty()) {
                        collect(e, name + ".", out);
                    }
                } else {
                    out.putIfAbsent(name, e.getTextContent().trim());
                }
            }
        }
    }

    private static boolean hasElementChildren(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    /**
     * A callback envelope, XML ({@code <xml><ToUserName/><Encrypt/><AgentID/></xml>}) or WeChat's JSON
     * ({@code {"ToUserName": ..., "Encrypt": ...}}), read into its top-level string members.
     */
    public static Map<String, String> parseEnvelope(String body) {
        if (body != null && body.stripLeading().startsWith("{")) {
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (JacksonException e) {
                throw new CallbackException(Reason.ENVELOPE, "the body is not well-formed JSON");
            }
            if (node == null || !node.isObject()) {
                throw new CallbackException(Reason.ENVELOPE, "the body is not a JSON object");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey().trim(), e.getValue().asString());
                }
            }
            return Collections.unmodifiableMap(out);
        }
        return parse(body);
    }
}
