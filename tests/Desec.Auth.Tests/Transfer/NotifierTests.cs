using System.Buffers.Binary;
using Desec.Auth.Tests.Publishing;
using Desec.Auth.Transfer;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Microsoft.Extensions.Logging.Abstractions;

namespace Desec.Auth.Tests.Transfer;

/// <summary>
/// The NOTIFY queue (RFC 1996): one slot per zone and secondary, where a newer serial replaces the
/// retries of an older one; a bound on messages awaiting an answer and on messages per second, so
/// that thousands of zones reach a secondary as a steady stream; retries with a growing wait (§3.6).
/// </summary>
public sealed class NotifierTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.com.");

    private static ResourceRecord Soa(DnsName zone, uint serial)
    {
        var names = DnsName.Parse("ns1.example.com.").Wire.ToArray().Concat(DnsName.Parse("hostmaster.example.com.").Wire.ToArray()).ToArray();
        var rdata = new byte[names.Length + 20];
        names.CopyTo(rdata, 0);
        BinaryPrimitives.WriteUInt32BigEndian(rdata.AsSpan(names.Length), serial);
        return new ResourceRecord(zone, RRType.SOA, 300, rdata);
    }

    private static void Notify(Notifier notifier, DnsName zone, uint serial, FakeSecondary secondary) =>
        notifier.Notify(zone, serial, Soa(zone, serial), [new NotifyTarget(secondary.EndPoint, null)]);

    [Fact]
    public async Task A_newer_serial_replaces_the_retries_of_an_older_one_rfc1996_section_3_6()
    {
        using var secondary = new FakeSecondary();
        // Serial 1 is never answered; serial 2 only on its first retry.
        secondary.Answer = r => r.Serial == 2 && secondary.For("example.com.").Count(m => m.Serial == 2) >= 2;
        await using var notifier = new Notifier(NullLogger.Instance, null, new NotifyOptions(FirstTimeout: TimeSpan.FromMilliseconds(500)));
        Notify(notifier, Zone, 1, secondary);
        Assert.True(FakeSecondary.WaitUntil(() => secondary.All.Count == 1, TimeSpan.FromSeconds(5)));
        Notify(notifier, Zone, 2, secondary);
        Assert.True(FakeSecondary.WaitUntil(() => notifier.Outstanding == 0, TimeSpan.FromSeconds(10)), "serial 2 was not acknowledged");
        // Long enough for serial 1's retries (0.5 s, then 1 s), had they not been dropped.
        await Task.Delay(1800, TestContext.Current.CancellationToken);
        Assert.Equal([1u, 2u, 2u], secondary.All.Select(r => r.Serial!.Value));
    }

    [Fact]
    public async Task The_same_serial_again_while_it_is_being_sent_is_not_sent_twice()
    {
        using var secondary = new FakeSecondary { Answer = _ => false };
        await using var notifier = new Notifier(NullLogger.Instance, null, new NotifyOptions(FirstTimeout: TimeSpan.FromSeconds(2)));
        Notify(notifier, Zone, 7, secondary);
        Assert.True(FakeSecondary.WaitUntil(() => secondary.All.Count == 1, TimeSpan.FromSeconds(5)));
        Notify(notifier, Zone, 7, secondary);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Single(secondary.All);
    }

    [Fact]
    public async Task At_most_max_in_flight_messages_await_an_answer_and_every_zone_gets_through()
    {
        using var secondary = new FakeSecondary { Answer = _ => false };
        await using var notifier = new Notifier(NullLogger.Instance, null,
            new NotifyOptions(MaxInFlight: 4, MessagesPerSecond: 10_000, FirstTimeout: TimeSpan.FromSeconds(1)));
        var zones = Enumerable.Range(0, 40).Select(i => DnsName.Parse($"z{i}.example.")).ToList();
        foreach (var zone in zones) { Notify(notifier, zone, 1, secondary); }
        Assert.True(FakeSecondary.WaitUntil(() => secondary.All.Count >= 4, TimeSpan.FromSeconds(5)));
        await Task.Delay(400, TestContext.Current.CancellationToken);
        // Nobody answers and no wait has run out: the other 36 wait for room.
        Assert.Equal(4, secondary.All.Count);
        secondary.Answer = _ => true;
        Assert.True(FakeSecondary.WaitUntil(() => notifier.Outstanding == 0, TimeSpan.FromSeconds(20)), $"{notifier.Outstanding} not acknowledged");
        Assert.Equal(zones.ToHashSet(), secondary.All.Select(r => r.Zone).ToHashSet());
    }

    [Fact]
    public async Task Many_zones_reach_a_secondary_as_a_steady_stream()
    {
        using var secondary = new FakeSecondary();
        const int Zones = 60, PerSecond = 50;
        await using var notifier = new Notifier(NullLogger.Instance, null, new NotifyOptions(MessagesPerSecond: PerSecond));
        for (int i = 0; i < Zones; i++) { Notify(notifier, DnsName.Parse($"z{i}.example."), 1, secondary); }
        Assert.True(FakeSecondary.WaitUntil(() => notifier.Outstanding == 0, TimeSpan.FromSeconds(30)), $"{notifier.Outstanding} not acknowledged");
        var times = secondary.All.Select(r => r.At).Order().ToList();
        Assert.Equal(Zones, times.Count);
        // 60 messages at 50 a second take at least 59 intervals of 20 ms; a loaded machine only makes it longer.
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds((Zones - 1) / (double)PerSecond - 0.05),
            $"60 messages within {(times[^1] - times[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_forgotten_zone_is_not_retried()
    {
        using var secondary = new FakeSecondary { Answer = _ => false };
        await using var notifier = new Notifier(NullLogger.Instance, null, new NotifyOptions(FirstTimeout: TimeSpan.FromMilliseconds(300)));
        Notify(notifier, Zone, 1, secondary);
        Assert.True(FakeSecondary.WaitUntil(() => secondary.All.Count == 1, TimeSpan.FromSeconds(5)));
        notifier.Forget(Zone);
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Single(secondary.All);
        Assert.Equal(0, notifier.Outstanding);
    }
}
