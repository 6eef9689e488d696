using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Desec.Auth.Config;
using Desec.Auth.Transfer;
using Desec.Auth.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Desec.Auth.Tests.Transport;

/// <summary>
/// The peer's address on every transport: decoded from the sockaddr a receive call fills in
/// without allocating, handed to the handler by the UDP listener (recvmmsg on Linux), and matched
/// by transfer ACLs without allocating.
/// </summary>
public sealed class PeerAddressTests
{
    [Fact]
    public void Sockaddr_in_decodes_address_and_port()
    {
        // sockaddr_in: family (host order), port, address (network order).
        byte[] sockaddr = [2, 0, 0x12, 0x34, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        var peer = PeerAddress.FromSocketAddress(AddressFamily.InterNetwork, sockaddr);
        Assert.Equal(AddressFamily.InterNetwork, peer.Family);
        Assert.Equal(0x1234, peer.Port);
        Assert.Equal("192.0.2.1:4660", peer.ToString());
    }

    [Fact]
    public void Sockaddr_in6_decodes_address_and_port()
    {
        byte[] sockaddr = [10, 0, 0, 53, 0, 0, 0, 0, .. IPAddress.Parse("2001:db8::1").GetAddressBytes(), 0, 0, 0, 0];
        var peer = PeerAddress.FromSocketAddress(AddressFamily.InterNetworkV6, sockaddr);
        Assert.Equal(AddressFamily.InterNetworkV6, peer.Family);
        Assert.Equal("[2001:db8::1]:53", peer.ToString());
    }

    [Fact]
    public void Rfc4291_2_5_5_2_an_ipv4_mapped_peer_is_ipv4()
    {
        byte[] sockaddr = [10, 0, 0, 53, 0, 0, 0, 0, .. IPAddress.Parse("::ffff:192.0.2.7").GetAddressBytes(), 0, 0, 0, 0];
        var peer = PeerAddress.FromSocketAddress(AddressFamily.InterNetworkV6, sockaddr);
        Assert.Equal(AddressFamily.InterNetwork, peer.Family);
        Assert.Equal(PeerAddress.FromEndPoint(IPEndPoint.Parse("192.0.2.7:53")), peer);
    }

    [Fact]
    public void Unknown_families_and_short_buffers_are_no_address()
    {
        Assert.False(PeerAddress.FromSocketAddress(AddressFamily.Unix, new byte[110]).IsKnown);
        Assert.False(PeerAddress.FromSocketAddress(AddressFamily.InterNetworkV6, new byte[12]).IsKnown);
        Assert.False(PeerAddress.FromEndPoint(null).IsKnown);
    }

    [Theory]
    [InlineData("192.0.2.1:53")]
    [InlineData("[2001:db8::53]:5353")]
    public void The_portable_path_decodes_a_SocketAddress(string endpoint)
    {
        var ip = IPEndPoint.Parse(endpoint);
        Assert.Equal(PeerAddress.FromEndPoint(ip), PeerAddress.FromSocketAddress(ip.Serialize()));
    }

    [Fact]
    public void Decoding_and_acl_matching_allocate_nothing()
    {
        byte[] sockaddr = [10, 0, 0, 53, 0, 0, 0, 0, .. IPAddress.Parse("2001:db8::1").GetAddressBytes(), 0, 0, 0, 0];
        var acl = ZoneTransferConfig.ParseAcl(["10.0.0.0/8", "2001:db8::/32", "key:xfr."], "test");
        var prefix = acl.Entries[1].Prefix!;
        Warm();
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool all = Warm();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(all);

        bool Warm()
        {
            bool allowed = true;
            for (int i = 0; i < 1000; i++)
            {
                var peer = PeerAddress.FromSocketAddress(AddressFamily.InterNetworkV6, sockaddr);
                allowed &= prefix.Contains(peer) && acl.Allows(peer, null);
            }
            return allowed;
        }
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db8:ffff::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    public void Rfc4632_3_1_prefixes_match_peers(string address, bool inside)
    {
        var acl = ZoneTransferConfig.ParseAcl(["10.0.0.0/8", "2001:db8::/32"], "test");
        Assert.Equal(inside, acl.Allows(PeerAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse(address), 53)), null));
    }

    /// <summary>Records the peer of every request it is handed.</summary>
    private sealed class RecordingHandler : IQueryHandler
    {
        public BlockingCollection<PeerAddress> Peers { get; } = [];

        public Reply Handle(scoped in Request request, Span<byte> response)
        {
            Peers.Add(request.Peer);
            return Reply.Drop;
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task The_udp_listener_hands_the_senders_address_to_the_handler(string loopback)
    {
        var address = IPAddress.Parse(loopback);
        using var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try { client.Bind(new IPEndPoint(address, 0)); }
        catch (SocketException) when (address.AddressFamily == AddressFamily.InterNetworkV6) { return; } // no IPv6 loopback here
        var handler = new RecordingHandler();
        await using var listener = new UdpListener(new IPEndPoint(address, 0), handler, NullLogger.Instance, socketCount: 1);
        listener.Start();
        client.SendTo(TestQueries.Query("www.example.com", 1), listener.LocalEndPoint);
        Assert.True(handler.Peers.TryTake(out var peer, TimeSpan.FromSeconds(10)));
        Assert.Equal(PeerAddress.FromEndPoint(client.LocalEndPoint), peer);
    }
}
