package vn.dvk.registration.unit;

import org.springframework.data.mongodb.repository.MongoRepository;

interface Organisations extends MongoRepository<Organisation, String> {
}
