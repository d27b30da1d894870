using System;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class BeijingTimeTests
    {
        [Fact]
        public void ParsesTheApiTextAsBeijingTime()
        {
            DateTimeOffset? t = BeijingTime.ParseApi("2021-03-26 10:47:37");
            Assert.Equal(new DateTimeOffset(2021, 3, 26, 10, 47, 37, TimeSpan.FromHours(8)), t);
            Assert.Equal(TimeSpan.FromHours(8), t.Value.Offset);
            Assert.Equal(new DateTime(2021, 3, 26, 2, 47, 37, DateTimeKind.Utc), t.Value.UtcDateTime);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("0000-00-00 00:00:00")]
        public void EmptyAndZeroDatesAreNull(string text) => Assert.Null(BeijingTime.ParseApi(text));

        [Fact]
        public void GarbageIsAFormatError() => Assert.Throws<FormatException>(() => BeijingTime.ParseApi("yesterday"));

        [Fact]
        public void FormatsAnyOffsetAsBeijingWallClock()
        {
            var utc = new DateTimeOffset(2021, 3, 26, 2, 47, 37, TimeSpan.Zero);
            Assert.Equal("2021-03-26 10:47:37", BeijingTime.ToApiString(utc));
            var newYork = new DateTimeOffset(2021, 3, 25, 22, 47, 37, TimeSpan.FromHours(-4));
            Assert.Equal("2021-03-26 10:47:37", BeijingTime.ToApiString(newYork));
        }

        [Fact]
        public void CrossesMidnightBothWays()
        {
            // 17:30 UTC is 01:30 the next day in Beijing.
            var utc = new DateTimeOffset(2025, 12, 31, 17, 30, 0, TimeSpan.Zero);
            Assert.Equal("2026-01-01 01:30:00", BeijingTime.ToApiString(utc));
            Assert.Equal(utc, BeijingTime.ParseApi("2026-01-01 01:30:00"));
        }

        [Fact]
        public void UtcDateTimeIsUtc()
        {
            var dt = new DateTime(2021, 3, 26, 2, 47, 37, DateTimeKind.Utc);
            Assert.Equal("2021-03-26 10:47:37", BeijingTime.ToApiString(BeijingTime.FromDateTime(dt)));
        }

        [Fact]
        public void LocalAndUnspecifiedDateTimesAreLocalTime()
        {
            var unspecified = new DateTime(2021, 3, 26, 10, 0, 0, DateTimeKind.Unspecified);
            var local = new DateTime(2021, 3, 26, 10, 0, 0, DateTimeKind.Local);
            DateTimeOffset expected = new DateTimeOffset(DateTime.SpecifyKind(unspecified, DateTimeKind.Local));
            Assert.Equal(expected, BeijingTime.FromDateTime(unspecified));
            Assert.Equal(expected, BeijingTime.FromDateTime(local));
            Assert.Equal(BeijingTime.ToApiString(expected), BeijingTime.ToApiString(BeijingTime.FromDateTime(unspecified)));
        }
    }
}
