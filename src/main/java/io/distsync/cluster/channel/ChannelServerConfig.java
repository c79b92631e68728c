package io.distsync.cluster.channel;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/**
 * Registers the channel's server end at {@link PeerChannels#PATH}. The cluster secret is checked
 * before the upgrade by {@link ChannelHandshakeFilter}.
 */
public class ChannelServerConfig implements ServerApplicationConfig {

  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
    ServerEndpointConfig config =
        ServerEndpointConfig.Builder.create(ChannelEndpoint.class, PeerChannels.PATH)
            .configurator(
                new ServerEndpointConfig.Configurator() {
                  @Override
                  public <T> T getEndpointInstance(Class<T> type) {
                    PeerChannels channels = CDI.current().select(PeerChannels.class).get();
                    return type.cast(new ChannelEndpoint(channels));
                  }
                })
            .build();
    return Set.of(config);
  }

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    return Set.of();
  }
}
