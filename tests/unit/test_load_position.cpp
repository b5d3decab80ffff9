// LoadPosition (copy/load_position.h) without a server: where a COPY FROM checkpoint stands and what
// it counts below that position, as records are handed to the writer, rejected when read, written
// out of order and refused by DynamoDB.
#include <catch2/catch.hpp>

#include "copy/load_position.h"

using namespace dynamosql;

TEST_CASE("LoadPosition: the oldest record still with the writer, and exactly what lies below it", "[copy]") {
  LoadPosition position(CopyCheckpoint{"in.csv", 1, 0, 0, 0, 0, 0, false});
  RejectFiles none;
  position.handed_to_writer(1, 0);
  position.handed_to_writer(2, 10);
  position.rejected_when_read(3);
  position.handed_to_writer(4, 30);
  position.handed_to_writer(5, 40);

  // Lines 1 and 2 written (the writer's low water is 3), 4 and 5 still with the writer.
  CopyCheckpoint cp = position.settle(3, 6, 50, none);
  CHECK(cp.source == "in.csv");
  CHECK(cp.line == 4);
  CHECK(cp.offset == 30);
  CHECK(cp.written == 2);
  CHECK(cp.rejected == 1);  // line 3, rejected as it was read

  // DynamoDB refused line 4; everything is through the writer: the position is the reader's.
  position.refused_by_writer(4);
  cp = position.settle(6, 6, 50, none);
  CHECK(cp.line == 6);
  CHECK(cp.offset == 50);
  CHECK(cp.written == 3);
  CHECK(cp.rejected == 2);

  // Settling again counts nothing twice.
  cp = position.settle(6, 6, 50, none);
  CHECK(cp.written == 3);
  CHECK(cp.rejected == 2);
}

TEST_CASE("LoadPosition: a resumed COPY counts on from its checkpoint", "[copy]") {
  LoadPosition position(CopyCheckpoint{"in.csv", 10, 100, 9, 1, 0, 0, false});
  RejectFiles none;
  position.handed_to_writer(10, 100);
  CopyCheckpoint cp = position.settle(10, 11, 110, none);  // line 10 still with the writer
  CHECK(cp.line == 10);
  CHECK(cp.offset == 100);
  CHECK(cp.written == 9);
  cp = position.settle(11, 11, 110, none);
  CHECK(cp.line == 11);
  CHECK(cp.written == 10);
  CHECK(cp.rejected == 1);
}
