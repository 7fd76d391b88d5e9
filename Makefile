# zhifa — two commands: `make run` and `make test`. Everything else is a step of those.
BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= zhifa.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)

.PHONY: all deps build server web run test unit api e2e asan fuzz bench clean test-pg

all: build

deps:
	@scripts/deps.sh

server:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

web:
	@cd web && npm run build --silent

build: server web

run: deps build
	@[ -f "$(DB)" ] || $(BUILD)/zhifa --db "$(DB)" init --demo
	@echo "zhifa: http://$(LISTEN)/"
	$(BUILD)/zhifa --db "$(DB)" serve --listen $(LISTEN)

unit: server
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# API test files run two at a time: each starts its own server on its own database and port, and
# most of a file's time is spent waiting on that server.
api: server
	@ZHIFA_BIN=$(abspath $(BUILD)/zhifa) node --test --test-concurrency=2 tests/api/

# The same API suite on PostgreSQL 15: scripts/test-pg.sh starts a throwaway cluster as an
# unprivileged user in a temp dir on a free loopback port (scripts/pg-cluster.sh; root runs it as
# the postgres user Debian's package creates), gives every test's zhifa a fresh database, and
# removes the cluster afterwards. `make test-pg` alone runs just this part.
test-pg: server
	@ZHIFA_BIN=$(abspath $(BUILD)/zhifa) scripts/test-pg.sh

e2e: build
	@ZHIFA_BIN=$(abspath $(BUILD)/zhifa) scripts/e2e.sh

# The unit and API tests again, under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DZHIFA_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)
	@ZHIFA_BIN=$(abspath $(ASAN_BUILD)/zhifa) ASAN_OPTIONS=detect_leaks=1 node --test --test-concurrency=2 tests/api/

# libFuzzer targets (tests/fuzz): saved crash inputs replayed, then FUZZ_SECONDS (15) of fuzzing each.
fuzz:
	@scripts/fuzz.sh

test: deps build unit api test-pg asan e2e fuzz

bench: server
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz web/dist
