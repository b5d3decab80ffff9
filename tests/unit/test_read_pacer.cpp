// The read pacer without a server: the Limit a read limit or a budget asks for, the budget's 53400
// before a request that could pass it, reservations of requests in flight, and the adaptive rate one
// statement's threads share after a throttle.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "dynamosql/error.h"
#include "exec/read_pacer.h"

using namespace dynamosql;

TEST_CASE("Read limits ask for about a second's worth of items per reader", "[pacer]") {
  RateLimiter rows(100);
  ReadPacer pacer;
  pacer.set_limits({&rows, nullptr, 0}, nullptr);
  CHECK_FALSE(pacer.wants_capacity());
  CHECK(pacer.before_request(0, 4).limit() == 25);
  CHECK(pacer.before_request(10, 4).limit() == 10);  // a smaller Limit of the statement's own stays
  CHECK(pacer.before_request(0, 1000).limit() == 1);
  ReadPacer unlimited;
  CHECK(unlimited.before_request(0, 4).limit() == 0);
  CHECK(unlimited.before_request(7).limit() == 7);
  RateLimiter units(50);
  ReadPacer by_units;
  by_units.set_limits({nullptr, &units, 0}, nullptr);
  CHECK(by_units.wants_capacity());
  CHECK(by_units.before_request(0, 2).limit() == 25);  // one unit an item until a response says more
  by_units.read(by_units.before_request(0, 2), 100, 10);   // 0.1 unit an item
  CHECK(by_units.before_request(0, 2).limit() == 250);
}

TEST_CASE("A budget sets Limit to what is left and fails before a request that could pass it", "[pacer]") {
  ReadPacer pacer;
  pacer.set_limits({nullptr, nullptr, 10}, nullptr);
  CHECK(pacer.wants_capacity());
  // Before any response an item is assumed to cost one unit, plus half a unit of rounding.
  ReadTicket first = pacer.before_request(0);
  CHECK(first.limit() == 9);
  pacer.read(std::move(first), 9, 4.5);  // half a unit an item
  ReadTicket second = pacer.before_request(0);
  CHECK(second.limit() == 10);  // (10 - 4.5 - 0.5) / 0.5
  pacer.read(std::move(second), 10, 5);
  try {
    pacer.before_request(0);
    FAIL("no error with 0.5 of 10 units left");
  } catch (const Error& e) {
    CHECK(std::string(e.sqlstate()) == "53400");
    CHECK(std::string(e.what()).find("max_read_units (10)") != std::string::npos);
    CHECK(std::string(e.what()).find("it has read 9.5 read units") != std::string::npos);
  }
}

TEST_CASE("A request in flight holds its share of the budget until its response or its end", "[pacer]") {
  ReadPacer pacer;
  pacer.set_limits({nullptr, nullptr, 10}, nullptr);
  {
    ReadTicket in_flight = pacer.before_request(0);  // sets aside 9.5 units
    CHECK(in_flight.limit() == 9);
    // Another reader waits for it: its response may cost less than it set aside.
    std::thread response([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      pacer.read(std::move(in_flight), 2, 1);
    });
    auto start = std::chrono::steady_clock::now();
    ReadTicket next = pacer.before_request(0);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(250));
    CHECK(next.limit() == 17);  // (10 - 1 - 0.5) / 0.5: what the first cost, not what it set aside
    response.join();
  }
  // A ticket dropped without a response (its request failed) gives its units back.
  ReadPacer other;
  other.set_limits({nullptr, nullptr, 10}, nullptr);
  { ReadTicket failed = other.before_request(0); }
  CHECK(other.before_request(0).limit() == 9);
}

TEST_CASE("After a throttle, one rate holds every thread of the statement", "[pacer]") {
  AdaptiveRate rate;
  CHECK(rate.rate() == 0);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) rate.before_attempt(), rate.after_attempt(false);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));  // no throttle: no wait
  // Throttled again and again: the rate falls to its floor of half a request a second.
  for (int i = 0; i < 40; ++i) rate.after_attempt(true);
  CHECK(rate.throttles() == 40);
  CHECK(rate.rate() == Approx(0.5));
  // Two threads share it: the second attempt waits for the first one's token too (about 2 s, then
  // 4 s), where each on a rate of its own would wait about 2 s.
  start = std::chrono::steady_clock::now();
  std::thread a([&] { rate.before_attempt(); }), b([&] { rate.before_attempt(); });
  a.join();
  b.join();
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(3500));
  // Answers that are not throttled raise it again.
  rate.after_attempt(false);
  CHECK(rate.rate() >= 0.5);
}
