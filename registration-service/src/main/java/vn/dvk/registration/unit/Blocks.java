package vn.dvk.registration.unit;

import org.springframework.data.mongodb.repository.MongoRepository;

interface Blocks extends MongoRepository<Block, String> {
}
