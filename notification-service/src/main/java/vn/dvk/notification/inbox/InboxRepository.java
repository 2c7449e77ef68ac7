package vn.dvk.notification.inbox;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface InboxRepository extends MongoRepository<InboxItem, String> {

    Page<InboxItem> findByUnitCode(String unitCode, Pageable pageable);
}
